package dev.tokenwise.alerts;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.chat.ChatPort;
import dev.tokenwise.chat.PostResult;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.slack.command.ActionInput;
import dev.tokenwise.slack.command.ActionReply;
import dev.tokenwise.slack.command.SlackActionHandler;

/**
 * The "Snooze 1 day" / "Snooze 1 week" buttons of an alert: records the snooze and rewrites the alert message to
 * say who snoozed it until when (a Slack user id in a message is not a leaderboard), without its buttons.
 */
@ApplicationScoped
public class SnoozeActionHandler implements SlackActionHandler {

    private static final Logger LOG = Logger.getLogger(SnoozeActionHandler.class);
    private static final Pattern IDS = Pattern.compile(
            Pattern.quote(AlertMessages.SNOOZE_1D) + "|" + Pattern.quote(AlertMessages.SNOOZE_1W));

    private final AlertSnoozeService snoozes;
    private final ChatPort chat;

    public SnoozeActionHandler(AlertSnoozeService snoozes, ChatPort chat) {
        this.snoozes = snoozes;
        this.chat = chat;
    }

    @Override
    public Pattern actionIdPattern() {
        return IDS;
    }

    @Override
    public ActionReply handle(ActionInput in) {
        AlertSnoozeService.SnoozeResult result;
        try {
            result = snoozes.snooze(in.value(),
                    AlertSnoozeService.durationOf(in.actionId()).orElseThrow(), in.userId());
        } catch (ProblemException e) {
            return ActionReply.ephemeral("I could not snooze this alert: " + e.getMessage());
        }
        if (in.messageTs() != null && !in.ephemeral() && in.channelId() != null) {
            ChatMessage m = result.message();
            // Note: the update goes to the channel the button sits in, not the team's current alert channel.
            PostResult r = chat.update(in.channelId(), in.messageTs(), new ChatMessage(in.channelId(), m.text(),
                    m.blocksJson()));
            if (!r.ok()) {
                LOG.warnf("Could not update the snoozed alert message in %s: %s", in.channelId(), r.error());
            }
        }
        return ActionReply.none();
    }
}
