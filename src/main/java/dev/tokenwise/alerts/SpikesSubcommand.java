package dev.tokenwise.alerts;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.slack.command.CommandAnswer;
import dev.tokenwise.slack.command.CommandArgs;
import dev.tokenwise.slack.command.CommandInput;
import dev.tokenwise.slack.command.TokenwiseSubcommand;

/** {@code /tokenwise spikes [team]}: recent spend spikes and runaway sessions with their context (never a person). */
@ApplicationScoped
public class SpikesSubcommand implements TokenwiseSubcommand {

    private final CommandArgs args;
    private final SpikesAnswers answers;

    public SpikesSubcommand(CommandArgs args, SpikesAnswers answers) {
        this.args = args;
        this.answers = answers;
    }

    @Override
    public String name() {
        return "spikes";
    }

    @Override
    public String usage() {
        return "spikes [team]";
    }

    @Override
    public String description() {
        return "recent spend spikes and runaway agent sessions, with what drove them";
    }

    @Override
    public CommandAnswer answer(CommandInput in) {
        CommandArgs.Parsed p = args.parse(in, usage(), null);
        if (!p.ok()) {
            return p.problem();
        }
        return CommandAnswer.of(answers.answer(p.team().id()), p.team().id(), p.team().id());
    }
}
