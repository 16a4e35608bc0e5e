package dev.tokenwise.digest;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.slack.command.CommandAnswer;
import dev.tokenwise.slack.command.CommandArgs;
import dev.tokenwise.slack.command.CommandInput;
import dev.tokenwise.slack.command.TokenwiseSubcommand;

/** {@code /tokenwise digest [team]}: this week's digest so far, exactly as the channel would get it. */
@ApplicationScoped
public class DigestSubcommand implements TokenwiseSubcommand {

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
        return CommandAnswer.of(digests.preview(p.team()), p.team().id(), p.team().id());
    }
}
