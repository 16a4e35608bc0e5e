package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.slack.api.model.block.LayoutBlock;

import dev.tokenwise.common.Figures;
import dev.tokenwise.team.TeamSettings;

/**
 * What setting up from Slack says (docs/contract.md §4.1): the onboarding message of a channel no team uses, the
 * answer to someone who may not set teams up, and the private confirmation of a saved form. Settings only, never a
 * figure.
 */
public final class SetupMessages {

    /** action_id of every "Set up" button (onboarding message, App Home); its value is the team id or empty. */
    public static final String SET_UP_ACTION = "tokenwise_set_up_team";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm",
            Locale.ENGLISH);

    private SetupMessages() {
    }

    /** Posted once in a channel the bot joins when no team uses it. */
    public static SlackMessage onboarding() {
        String text = "Hi! I'm Tokenwise: what your AI coding agents cost, next to what your team delivers, as a "
                + "weekly digest and alerts in this channel. No team uses this channel yet; an admin can set one up.";
        List<LayoutBlock> blocks = List.of(section(s -> s.text(markdownText(text + "\n_" + CommandMessages.POLICY
                + "_"))), setUpButton("Set up this channel's team", ""));
        return new SlackMessage(text, blocks);
    }

    /** The "Set up" button; {@code teamId} empty for the team of the channel the button sits in. */
    public static LayoutBlock setUpButton(String label, String teamId) {
        return actions(a -> a.elements(asElements(button(b -> b.actionId(SET_UP_ACTION).text(plainText(label))
                .value(teamId)))));
    }

    /** To someone who may not set teams up: who can. */
    public static String notAdmin(List<String> listedAdmins) {
        String who = listedAdmins.isEmpty() ? "this workspace's admins and owners"
                : listedAdmins.stream().map(u -> "<@" + u + ">").collect(Collectors.joining(", "))
                        + " and this workspace's admins and owners";
        return "Sorry, only Tokenwise admins can set teams up: " + who + ". Ask one of them to run "
                + "`/tokenwise admin` in the team's channel.";
    }

    /** The form could not be opened (Slack refused views.open, e.g. an expired trigger). */
    public static String couldNotOpen(String error) {
        return "Sorry, Slack did not open the set-up form (" + error + "). Please try again.";
    }

    /** {@code /tokenwise admin <word>} where the word is no team id. */
    public static String notATeamId(String word) {
        return "`" + word + "` is not a team id: use lower-case letters, digits and '-', e.g. `/tokenwise admin "
                + "payments`.";
    }

    /** The private confirmation of a saved form: what is now set, and when the next digest goes out. */
    public static String saved(TeamSettings t, boolean created, ZonedDateTime nextDigest) {
        StringBuilder sb = new StringBuilder(":white_check_mark: Team *" + t.id() + "* "
                + (created ? "created" : "saved") + ". ");
        sb.append("Digest: ").append(capitalised(t.digestDay())).append(" at ").append(t.digestTime()).append(" (")
                .append(t.timezone()).append(") in <#").append(t.channel()).append(">");
        sb.append(nextDigest == null ? "" : ", next on " + WHEN.format(nextDigest)).append(". ");
        sb.append("Alerts in <#").append(t.effectiveAlertChannel()).append(">. ");
        sb.append(t.monthlyBudgetUsd() == null ? "No monthly envelope"
                : "Monthly envelope " + Figures.usd(t.monthlyBudgetUsd()));
        sb.append(", ").append(t.repos().size()).append(t.repos().size() == 1 ? " repository" : " repositories")
                .append(", at least ").append(t.minContributors()).append(" contributors per figure, pulse ")
                .append(t.pulse() ? "on" : "off").append('.');
        return sb.toString();
    }

    private static String capitalised(String day) {
        return day.charAt(0) + day.substring(1).toLowerCase(Locale.ROOT);
    }
}
