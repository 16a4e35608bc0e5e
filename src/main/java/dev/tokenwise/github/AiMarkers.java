package dev.tokenwise.github;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.settings.AiPatterns;
import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.settings.SettingsService;

/**
 * Finds AI markers (docs/contract.md §6.2): {@code ai_commit_patterns} in commit messages and PR bodies, and
 * {@code ai_bot_authors} among PR authors. A marker is reported as the short lower-case name of the agent it names
 * ({@link #AGENTS}), {@code other} when it names none of them. The text is only read here, never kept.
 */
@ApplicationScoped
public class AiMarkers {

    /** An agent by its short name, with the words in a marker or bot login that name it besides that name. */
    record Agent(String name, String... alsoNamedBy) {
    }

    static final List<Agent> AGENTS = List.of(new Agent("claude", "anthropic"), new Agent("copilot"),
            new Agent("codex"), new Agent("cursor"), new Agent("gemini"), new Agent("devin"), new Agent("aider"),
            new Agent("windsurf"), new Agent("jules"));
    static final String OTHER = "other";

    /**
     * The agent a usage event's tool is, by its short name ({@code claude-code} is {@code claude}), or null when the
     * tool names none of {@link #AGENTS}.
     */
    public static String agentOfTool(String tool) {
        if (tool == null) {
            return null;
        }
        String t = tool.toLowerCase(Locale.ROOT);
        for (Agent a : AGENTS) {
            if (t.equals(a.name()) || t.startsWith(a.name() + "-") || t.startsWith(a.name() + "_")) {
                return a.name();
            }
        }
        return null;
    }

    /** The settings' markers, compiled. */
    public record Detector(List<String> source, List<Pattern> patterns, Set<String> bots) {

        /**
         * The agent of the first pattern (in the settings' order) that matches {@code text}, or null when none does.
         */
        public String agentIn(String text) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            for (int i = 0; i < patterns.size(); i++) {
                Matcher m = patterns.get(i).matcher(new Budgeted(text, READS_PER_CHAR * (long) text.length()
                        + READS_BASE));
                try {
                    if (m.find()) {
                        return agentNamed(text.substring(m.start(), m.end()));
                    }
                } catch (Budgeted.Exhausted e) {
                    // A pattern that backtracks without end must not hold the delivery; the text is not logged.
                    LOG.warnf("ai_commit_patterns[%d] gave up on a text of %d characters: it backtracks too much",
                            i, text.length());
                }
            }
            return null;
        }

        /** The agent whose bot account {@code login} is, or null when it is none of {@code ai_bot_authors}. */
        public String botAgent(String login) {
            if (login == null) {
                return null;
            }
            String l = login.toLowerCase(Locale.ROOT);
            return bots.contains(l) ? agentNamed(l) : null;
        }
    }

    /** How many character reads one pattern may make per character of a text (plus a base), before it gives up. */
    static final long READS_PER_CHAR = 64;
    static final long READS_BASE = 100_000;
    private static final Logger LOG = Logger.getLogger(AiMarkers.class);

    private final SettingsService settings;
    private volatile Detector cached = compile(GlobalSettings.defaults());

    public AiMarkers(SettingsService settings) {
        this.settings = settings;
    }

    /** The markers as the settings say now (compiled again only when they changed). */
    public Detector current() {
        GlobalSettings s = settings.current();
        Detector d = cached;
        if (!d.source().equals(s.aiCommitPatterns()) || !d.bots().equals(Set.copyOf(s.aiBotAuthors()))) {
            d = compile(s);
            cached = d;
        }
        return d;
    }

    static Detector compile(GlobalSettings s) {
        return new Detector(List.copyOf(s.aiCommitPatterns()),
                s.aiCommitPatterns().stream().map(AiPatterns::compile).toList(), Set.copyOf(s.aiBotAuthors()));
    }

    /** A text whose characters may be read only so many times, so that no pattern runs without end. */
    static final class Budgeted implements CharSequence {

        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private long left;

        Budgeted(String text, long budget) {
            this.text = text;
            this.left = budget;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The agent whose word comes first in {@code text}; {@link #OTHER} when it names none. */
    static String agentNamed(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        String best = OTHER;
        int at = Integer.MAX_VALUE;
        for (Agent agent : AGENTS) {
            int i = t.indexOf(agent.name());
            for (String word : agent.alsoNamedBy()) {
                int w = t.indexOf(word);
                i = i < 0 ? w : w < 0 ? i : Math.min(i, w);
            }
            if (i >= 0 && i < at) {
                at = i;
                best = agent.name();
            }
        }
        return best;
    }
}
