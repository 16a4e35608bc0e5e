package dev.tokenwise.slack.command;

import java.util.List;

import com.slack.api.model.block.LayoutBlock;

/**
 * What a subcommand answers: a plain-text fallback (notifications, console adapter) and Block Kit blocks.
 *
 * @param teamId the team the answer is about (null if none), recorded on a shared post
 * @param shareArgs when not null, the answer gets a "Share in channel" button; the arguments that reproduce this
 *            exact answer later (e.g. the resolved team and absolute dates, not "this-week"). The dispatcher
 *            prefixes them with the subcommand's name before it puts them on the button.
 */
public record CommandAnswer(String text, List<LayoutBlock> blocks, String teamId, String shareArgs) {

    /** A short plain answer (help, a problem with the input); not shareable. */
    public static CommandAnswer text(String markdown) {
        return new CommandAnswer(markdown, List.of(com.slack.api.model.block.Blocks.section(
                s -> s.text(com.slack.api.model.block.composition.BlockCompositions.markdownText(markdown)))),
                null, null);
    }

    public CommandAnswer shareable(String teamId, String shareArgs) {
        return new CommandAnswer(text, blocks, teamId, shareArgs);
    }

    public boolean isShareable() {
        return shareArgs != null;
    }
}
