package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;

import dev.tokenwise.digest.DigestFormat;
import dev.tokenwise.pulse.PulseInvite;
import dev.tokenwise.pulse.PulseQuestion;
import dev.tokenwise.pulse.PulseService;
import dev.tokenwise.scorecard.Scorecard;

/**
 * The team pulse in words (docs/contract.md §9.9): the weekly questions with their 1–5 buttons, the reply to a click,
 * and the results line of the digest. Nothing here names a person.
 */
public final class PulseMessages {

    /** Action ids {@code tokenwise_pulse_<question>_<score>}; the value is {@code <team>|<week start>}. */
    public static final Pattern ACTION_ID = Pattern.compile("tokenwise_pulse_(confidence|review_load)_([1-5])");

    static final String CONFIDENCE = "How confident were you in the AI-assisted changes you reviewed or merged this "
            + "week?";
    static final String REVIEW_LOAD = "How heavy did review feel this week?";

    private PulseMessages() {
    }

    public static String actionId(PulseQuestion q, int score) {
        return "tokenwise_pulse_" + q.id() + "_" + score;
    }

    public static String value(String team, LocalDate weekStart) {
        return team + "|" + weekStart;
    }

    /** A click's question and score, read from its action id. */
    public record Click(PulseQuestion question, int score) {
    }

    public static Click click(String actionId) {
        Matcher m = ACTION_ID.matcher(actionId);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a pulse action: " + actionId);
        }
        return new Click(PulseQuestion.parse(m.group(1)).orElseThrow(), Integer.parseInt(m.group(2)));
    }

    /** The week's two questions, each with five buttons (1 = not at all … 5 = very). */
    public static SlackMessage questions(PulseInvite in) {
        String title = "Team pulse · " + in.team() + " · week of " + DigestFormat.days(in.weekStart(),
                in.weekStart().plusDays(7));
        String note = "Anonymous: Tokenwise keeps only how many people gave each answer, never who. Click again to "
                + "change your answer until the week ends. Results appear in next week's digest when at least the "
                + "team's minimum number of people answered.";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(DigestFormat.truncate(title, DigestMessages.MAX_HEADER)))));
        question(blocks, in, PulseQuestion.CONFIDENCE, "*" + CONFIDENCE + "*\n1 = not at all · 5 = fully");
        question(blocks, in, PulseQuestion.REVIEW_LOAD, "*" + REVIEW_LOAD + "*\n1 = light · 5 = very heavy");
        blocks.add(context(c -> c.elements(List.of(markdownText(note)))));
        String text = title + "\n1. " + CONFIDENCE + " (1 = not at all, 5 = fully)\n2. " + REVIEW_LOAD
                + " (1 = light, 5 = very heavy)\n" + note;
        return new SlackMessage(text, blocks);
    }

    private static void question(List<LayoutBlock> blocks, PulseInvite in, PulseQuestion q, String mrkdwn) {
        blocks.add(section(s -> s.text(markdownText(mrkdwn))));
        List<BlockElement> buttons = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            int n = score;
            buttons.add(button(b -> b.actionId(actionId(q, n)).text(plainText(Integer.toString(n)))
                    .value(value(in.team(), in.weekStart()))));
        }
        blocks.add(actions(a -> a.blockId("pulse_" + q.id()).elements(buttons)));
    }

    /** The private reply to a click. */
    public static String reply(PulseService.Answered answered, Click click) {
        String what = (click.question() == PulseQuestion.CONFIDENCE ? "confidence" : "review load") + " "
                + click.score() + "/5";
        return switch (answered) {
            case RECORDED -> "Thanks — recorded anonymously: " + what + ". You can change it until the week ends.";
            case UNCHANGED -> "Your answer is already " + what + "; nothing changed.";
            case CLOSED -> "This week's pulse has closed, so answers are no longer taken.";
        };
    }

    /** The digest's Sustainability line: the week's results, or why they are withheld. */
    public static String digestLine(Scorecard.Pulse p) {
        String week = "week of " + DigestFormat.days(p.weekStart(), p.weekStart().plusDays(7));
        if (p.withheldReason() != null) {
            return "Team pulse (" + week + "): results withheld, too few answers";
        }
        return "Team pulse (" + week + ", " + p.responses() + " answers): confidence in AI-assisted changes "
                + mean(p.confidence()) + " · review load " + mean(p.reviewLoad());
    }

    private static String mean(Scorecard.PulseQuestion q) {
        if (q.mean() == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f/5", q.mean()) + " " + q.distribution();
    }
}
