package dev.tokenwise.slack.command;

import java.lang.reflect.Type;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;

import dev.tokenwise.chat.ChatMessage;

/**
 * What a subcommand answers: a plain-text fallback (notifications, console adapter) and Block Kit blocks.
 *
 * @param teamId the team the answer is about (null if none), recorded on a shared post
 * @param shareArgs when not null, the answer gets a "Share in channel" button; the arguments that reproduce this
 *        exact answer later (e.g. the resolved team and absolute dates, not "this-week"). The dispatcher
 *        prefixes them with the subcommand's name before it puts them on the button.
 */
public record CommandAnswer(String text, List<LayoutBlock> blocks, String teamId, String shareArgs) {

    private static final Type BLOCKS = new TypeToken<List<LayoutBlock>>() {
    }.getType();
    // Slack's own Gson knows every Block Kit type, so JSON blocks come back as typed blocks.
    private static final Gson GSON = GsonFactory.createSnakeCase();

    /** A short plain answer (help, a problem with the input); not shareable. */
    public static CommandAnswer text(String markdown) {
        return new CommandAnswer(markdown, List.of(com.slack.api.model.block.Blocks.section(
                s -> s.text(com.slack.api.model.block.composition.BlockCompositions.markdownText(markdown)))),
                null, null);
    }

    /**
     * The answer for a message another feature composed as a {@link ChatMessage} (text plus Block Kit JSON),
     * shareable with {@code shareArgs} (null: not shareable).
     */
    public static CommandAnswer of(ChatMessage message, String teamId, String shareArgs) {
        List<LayoutBlock> blocks = message.blocksJson() == null ? List.of() : GSON.fromJson(message.blocksJson(), BLOCKS);
        return new CommandAnswer(message.text(), blocks, teamId, shareArgs);
    }

    public CommandAnswer shareable(String teamId, String shareArgs) {
        return new CommandAnswer(text, blocks, teamId, shareArgs);
    }

    public boolean isShareable() {
        return shareArgs != null;
    }
}
