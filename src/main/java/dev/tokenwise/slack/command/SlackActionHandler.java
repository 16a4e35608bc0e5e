package dev.tokenwise.slack.command;

import java.util.regex.Pattern;

/**
 * A Block Kit button or other block action ({@code block_actions}). <b>Extension point:</b> write an
 * {@code @ApplicationScoped} bean implementing this interface (e.g. an alert's "Snooze 1 day" / "Snooze 1 week"
 * buttons with action ids {@code alert_snooze_day} / {@code alert_snooze_week}); the Bolt app registers every such
 * bean at start-up ({@code @All List<SlackActionHandler>}). Use an action id prefix of your feature so patterns
 * never overlap ({@code tokenwise_share} is taken).
 * <p>
 * {@link #handle} runs with a request context (transactions, services) before Slack's click is acknowledged, so
 * keep it well under 3 seconds: write to the database, enqueue into the outbox or call
 * {@link dev.tokenwise.chat.ChatPort#update} for the message the button sits on
 * ({@link ActionInput#channelId()}, {@link ActionInput#messageTs()}). The returned {@link ActionReply} is sent
 * to the clicking user afterwards through {@code response_url}.
 */
public interface SlackActionHandler {

    /** The {@code action_id}s this handler answers, e.g. {@code Pattern.compile("alert_snooze_(day|week)")}. */
    Pattern actionIdPattern();

    ActionReply handle(ActionInput input);
}
