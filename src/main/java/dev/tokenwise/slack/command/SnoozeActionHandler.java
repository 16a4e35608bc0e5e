package dev.tokenwise.slack.command;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.alerts.AlertSnoozeService;
import dev.tokenwise.chat.ChatPort;
import dev.tokenwise.chat.PostResult;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.slack.render.AlertMessages;

/**
 * The "Snooze 1 day" / "Snooze 1 week" buttons of an alert: records the snooze and rewrites the alert message to
 * say who snoozed it until when (a Slack user id in a message is not a leaderboard), without its buttons.
 */
@ApplicationScoped
public class SnoozeActionHandler implements SlackActionHandler {

    private static final Logger LOG = Logger.getLogger(SnoozeActionHandler.class);
    private static final Map<String, Duration> DURATIONS = Map.of(AlertMessages.SNOOZE_1D, Duration.ofDays(1),
            AlertMessages.SNOOZE_1W, Duration.ofDays(7));
    private static final Pattern IDS = Pattern.compile(
            Pattern.quote(AlertMessages.SNOOZE_1D) + "|" + Pattern.quote(AlertMessages.SNOOZE_1W));

    private final AlertSnoozeService snoozes;
    private final ChatPort chat;

    public SnoozeActionHandler(AlertSnoozeService snoozes, ChatPort chat) {
        this.snoozes = snoozes;
        this.chat = chat;
    }

    /** The snooze length of a button's action_id ({@code tokenwise_snooze_1d} / {@code tokenwise_snooze_1w}). */
    public static Optional<Duration> durationOf(String actionId) {
        return Optional.ofNullable(DURATIONS.get(actionId));
    }

    @Override
    public Pattern actionIdPattern() {
        return IDS;
    }

    @Override
    public ActionReply handle(ActionInput in) {
        AlertSnoozeService.SnoozeResult result;
        try {
            result = snoozes.snooze(in.value(), durationOf(in.actionId()).orElseThrow(), in.userId());
        } catch (ProblemException e) {
            return ActionReply.ephemeral(AlertMessages.snoozeRefused(e.getMessage()));
        }
        if (in.messageTs() != null && !in.ephemeral() && in.channelId() != null) {
            // Note: the update goes to the channel the button sits in, not the team's current alert channel.
            PostResult r = chat.update(in.channelId(), in.messageTs(),
                    AlertMessages.snoozed(result).toChat(in.channelId()));
            if (!r.ok()) {
                LOG.warnf("Could not update the snoozed alert message in %s: %s", in.channelId(), r.error());
            }
        }
        return ActionReply.none();
    }
}
