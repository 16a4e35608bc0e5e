package dev.tokenwise.slack.command;

/**
 * What the clicking user is told (through {@code response_url}, ephemerally), or nothing.
 *
 * @param text markdown text, or null for no reply
 * @param replaceOriginal replace the message that carried the button (e.g. to remove the buttons after a snooze)
 */
public record ActionReply(String text, boolean replaceOriginal) {

    public static ActionReply none() {
        return new ActionReply(null, false);
    }

    public static ActionReply ephemeral(String text) {
        return new ActionReply(text, false);
    }

    public static ActionReply replaceOriginal(String text) {
        return new ActionReply(text, true);
    }
}
