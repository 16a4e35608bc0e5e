package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.slack.api.model.block.LayoutBlock;

/**
 * What the {@code /tokenwise} dispatcher itself says: help, usage problems, the refusal of questions about a
 * person, apologies, and the "Share in channel" button it adds to shareable answers.
 */
public final class CommandMessages {

    /** The team-level policy, said wherever a person is asked about. */
    public static final String POLICY = "Tokenwise shows figures for teams, workflows, repositories and sessions "
            + "— never for a person. Tokens are telemetry and a cost line, not a personal score.";
    /** What Slack gets at once when an answer takes longer than the answer budget. */
    public static final String WORKING_ON_IT = "Working on it… the answer follows in a moment.";

    private CommandMessages() {
    }

    /** A short answer: one markdown section. */
    public static SlackMessage plain(String markdown) {
        return new SlackMessage(markdown, List.of(section(s -> s.text(markdownText(markdown)))));
    }

    /** An answer shared in the channel: the answer's blocks and who shared it with which subcommand. */
    public static SlackMessage shared(String text, List<LayoutBlock> blocks, String userId, String subcommand) {
        List<LayoutBlock> all = new ArrayList<>(blocks);
        all.add(context(c -> c.elements(List.of(markdownText("Shared by <@" + userId + "> with `/tokenwise "
                + subcommand + "`")))));
        return new SlackMessage(text, all);
    }

    /** One section per paragraph; the text fallback joins them with blank lines. */
    public static SlackMessage paragraphs(List<String> paragraphs) {
        List<LayoutBlock> blocks = paragraphs.stream()
                .<LayoutBlock> map(p -> section(s -> s.text(markdownText(p)))).toList();
        return new SlackMessage(String.join("\n\n", paragraphs), blocks);
    }

    /** {@code /tokenwise help}: what Tokenwise does, one line per subcommand, the periods and the policy. */
    public static String help(String usageLines, List<String> periods) {
        return "*Tokenwise* answers about teams: what AI coding agents cost next to what the team delivers.\n"
                + usageLines + "\n`team` defaults to the team of this channel. Periods: " + codes(periods)
                + " (in the team's time zone).\n_" + POLICY + "_";
    }

    /** {@code /tokenwise help <name>}. */
    public static String helpOf(String usage, String description) {
        return "`/tokenwise " + usage + "` — " + description;
    }

    /** One line of the list of subcommands. */
    public static String usageLine(String usage, String description) {
        return "• `/tokenwise " + usage + "` — " + description;
    }

    /** The first line of the list of subcommands. */
    public static String helpLine() {
        return "• `/tokenwise help` — this list";
    }

    public static String unknownSubcommand(String word, String usageLines) {
        return "I don't know `" + word + "`. Here is what I can do:\n" + usageLines;
    }

    public static String personRefusal() {
        return ":lock: I can't answer that about a person. " + POLICY
                + " Ask about a team instead, e.g. `/tokenwise cost-per-pr payments`.";
    }

    public static String apology() {
        return "Sorry, something went wrong on our side. Please try again in a minute.";
    }

    public static String actionApology() {
        return "Sorry, that did not work. Please try again in a minute.";
    }

    /** A team report asked for a team that does not exist. */
    public static String unknownTeam(String teamId) {
        return "I don't know a team called `" + teamId + "`. An admin creates it with `PUT /api/admin/teams/" + teamId
                + "`.";
    }

    // ---- argument problems ---------------------------------------------------------------------------------

    public static String tooManyArguments(String usage) {
        return "That is more than I can read. Usage: `/tokenwise " + usage + "`";
    }

    public static String noSuchTeam(String word, String knownTeams, String usage) {
        return "I don't know a team called `" + word + "`. Tokenwise answers about teams "
                + "(and their workflows and repositories) only — never about a person. " + knownTeams
                + "\nUsage: `/tokenwise " + usage + "`";
    }

    public static String noTeamChannel(String usage, String knownTeams) {
        return "This channel is no team's channel, so name the team: `/tokenwise " + usage + "`. " + knownTeams;
    }

    public static String unknownPeriod(String word, List<String> periods, String usage) {
        return "I don't know the period `" + word + "`. Periods: " + codes(periods)
                + " (in the team's time zone).\nUsage: `/tokenwise " + usage + "`";
    }

    /** "Teams: `a`, `b`." (at most 30) or that none is configured. */
    public static String knownTeams(List<String> ids) {
        return ids.isEmpty() ? "No team is configured yet."
                : "Teams: " + ids.stream().limit(30).map(i -> "`" + i + "`").collect(Collectors.joining(", ")) + ".";
    }

    /** The "Share in channel" button under a shareable answer; its value replays the question. */
    public static LayoutBlock shareButton(String actionId, String value) {
        return actions(x -> x.blockId("tokenwise_share_block").elements(asElements(button(b -> b
                .actionId(actionId).text(plainText("Share in channel")).value(value)))));
    }

    private static String codes(List<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }
}
