package dev.tokenwise.chat;

/**
 * A message for a channel: a plain-text fallback (used for notifications and by the console adapter) and
 * optional Block Kit blocks as a JSON array string.
 */
public record ChatMessage(String channel, String text, String blocksJson) {
}
