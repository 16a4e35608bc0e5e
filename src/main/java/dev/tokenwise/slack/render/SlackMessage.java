package dev.tokenwise.slack.render;

import java.util.List;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;

import dev.tokenwise.chat.ChatMessage;

/**
 * What Slack shows: a plain-text fallback (notifications, the console adapter) and Block Kit blocks of the Slack
 * SDK's model. A command answer hands the blocks to Bolt as they are; a message for a channel is serialised once,
 * by {@link #toChat}, when it is stored in the outbox.
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {

    // Note: Slack's own field names (snake case) and no HTML escaping, so "<@U…>" mentions and "&" stay as typed.
    private static final Gson JSON = GsonFactory.createSnakeCase().newBuilder().disableHtmlEscaping().create();

    public SlackMessage {
        blocks = List.copyOf(blocks);
    }

    /** The blocks as the JSON array Slack's Web API takes ({@code blocks}). */
    public String blocksJson() {
        return JSON.toJson(blocks);
    }

    /** The message for a channel, blocks serialised. */
    public ChatMessage toChat(String channel) {
        return new ChatMessage(channel, text, blocksJson());
    }
}
