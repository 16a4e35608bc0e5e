package dev.tokenwise.digest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.chat.ChatMessage;

/**
 * A composed digest: the plain-text fallback (notifications, the console adapter) and the Block Kit blocks
 * (each a JSON object as a map, in Slack's own field names).
 */
public record Digest(String text, List<Map<String, Object>> blocks) {

    // Note: a plain mapper on purpose; the blocks already carry Slack's field names and must not be renamed.
    private static final ObjectMapper JSON = new ObjectMapper();

    public String blocksJson() {
        try {
            return JSON.writeValueAsString(blocks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Digest blocks are plain maps and always serialise", e);
        }
    }

    public ChatMessage toMessage(String channel) {
        return new ChatMessage(channel, text, blocksJson());
    }
}
