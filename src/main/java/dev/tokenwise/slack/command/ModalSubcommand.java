package dev.tokenwise.slack.command;

/**
 * A subcommand that answers with a modal rather than a message (e.g. {@code /tokenwise admin}). The dispatcher
 * acknowledges Slack at once, with no message, and then calls {@link #open} on a worker with the command's
 * {@code trigger_id}, which Slack honours for 3 seconds from the command: the modal opens well inside that window
 * because nothing is computed before the acknowledgement. {@link #answer} still serves {@code help} and replays.
 */
public interface ModalSubcommand extends TokenwiseSubcommand {

    /**
     * Opens the modal ({@code views.open} with {@code triggerId}), or says why not.
     *
     * @param channelName the name of the channel the command was typed in, as Slack sent it (may be null)
     * @return null when the modal opened; otherwise the answer the user gets privately instead
     */
    CommandAnswer open(CommandInput in, String triggerId, String channelName);
}
