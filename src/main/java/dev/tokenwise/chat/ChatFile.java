package dev.tokenwise.chat;

/**
 * A file that goes into a channel with a message (the digest's chart, a PNG).
 *
 * @param filename the name it is uploaded (or, by the console adapter, written) under
 * @param title shown above it in the channel
 * @param altText what it shows, for screen readers (Slack's {@code alt_txt}, at most 1000 characters)
 */
public record ChatFile(String filename, String title, String altText, byte[] content) {
}
