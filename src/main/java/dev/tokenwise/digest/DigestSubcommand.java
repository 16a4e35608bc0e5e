package dev.tokenwise.digest;

import java.lang.reflect.Type;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.slack.command.CommandAnswer;
import dev.tokenwise.slack.command.CommandArgs;
import dev.tokenwise.slack.command.CommandInput;
import dev.tokenwise.slack.command.TokenwiseSubcommand;

/** {@code /tokenwise digest [team]}: this week's digest so far, exactly as the channel would get it. */
@ApplicationScoped
public class DigestSubcommand implements TokenwiseSubcommand {

    private static final Type BLOCKS = new TypeToken<List<LayoutBlock>>() {
    }.getType();
    // Slack's own Gson knows every Block Kit type, so the digest's JSON blocks come back as typed blocks.
    private static final Gson GSON = GsonFactory.createSnakeCase();

    private final CommandArgs args;
    private final DigestService digests;

    public DigestSubcommand(CommandArgs args, DigestService digests) {
        this.args = args;
        this.digests = digests;
    }

    @Override
    public String name() {
        return "digest";
    }

    @Override
    public String usage() {
        return "digest [team]";
    }

    @Override
    public String description() {
        return "this week's digest so far, as the channel would get it";
    }

    @Override
    public CommandAnswer answer(CommandInput in) {
        CommandArgs.Parsed p = args.parse(in, usage(), null);
        if (!p.ok()) {
            return p.problem();
        }
        ChatMessage preview = digests.preview(p.team());
        List<LayoutBlock> blocks = preview.blocksJson() == null ? List.of() : GSON.fromJson(preview.blocksJson(), BLOCKS);
        return new CommandAnswer(preview.text(), blocks, p.team().id(), null).shareable(p.team().id(), p.team().id());
    }
}
