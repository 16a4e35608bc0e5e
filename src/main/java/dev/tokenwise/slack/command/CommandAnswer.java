package dev.tokenwise.slack.command;

import java.util.List;

import com.slack.api.model.block.LayoutBlock;

import dev.tokenwise.slack.render.CommandMessages;
import dev.tokenwise.slack.render.SlackMessage;

/**
 * What a subcommand answers: a plain-text fallback (notifications, console adapter) and Block Kit blocks, handed
 * to Bolt as they are.
 *
 * @param teamId the team the answer is about (null if none), recorded on a shared post
 * @param shareArgs when not null, the answer gets a "Share in channel" button; the arguments that reproduce this
 *        exact answer later (e.g. the resolved team and absolute dates, not "this-week"). The dispatcher
 *        prefixes them with the subcommand's name before it puts them on the button.
 */
public record CommandAnswer(String text, List<LayoutBlock> blocks, String teamId, String shareArgs) {

    /** A short plain answer (help, a problem with the input); not shareable. */
    public static CommandAnswer text(String markdown) {
        return of(CommandMessages.plain(markdown), null, null);
    }

    /** The answer for a rendered message, shareable with {@code shareArgs} (null: not shareable). */
    public static CommandAnswer of(SlackMessage message, String teamId, String shareArgs) {
        return new CommandAnswer(message.text(), message.blocks(), teamId, shareArgs);
    }

    public CommandAnswer shareable(String teamId, String shareArgs) {
        return new CommandAnswer(text, blocks, teamId, shareArgs);
    }

    public boolean isShareable() {
        return shareArgs != null;
    }
}
