package dev.tokenwise.slack.command;

/**
 * One click on a Block Kit element.
 *
 * @param actionId the element's {@code action_id}
 * @param value the element's {@code value} (≤ 2000 characters; put ids in it, not figures)
 * @param userId who clicked (for permissions and "snoozed by"; never to select figures)
 * @param channelId the channel of the message the element sits on
 * @param messageTs the {@code ts} of that message (also set for ephemeral messages), or null
 * @param ephemeral the message is an ephemeral one (only the user sees it; it cannot be updated by chat.update)
 * @param triggerId Slack's trigger id of this click (opens modals; differs on every click)
 * @param channelName the name of {@code channelId} as Slack sent it, or null (App Home)
 */
public record ActionInput(String actionId, String value, String userId, String channelId, String messageTs,
        boolean ephemeral, String triggerId, String channelName) {
}
