package dev.tokenwise.budget;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.slack.command.CommandAnswer;
import dev.tokenwise.slack.command.CommandArgs;
import dev.tokenwise.slack.command.CommandInput;
import dev.tokenwise.slack.command.TokenwiseSubcommand;

/** {@code /tokenwise budget [team]}: envelope, spent, remaining, % used and forecast, per workflow too. */
@ApplicationScoped
public class BudgetSubcommand implements TokenwiseSubcommand {

    private final CommandArgs args;
    private final BudgetAnswers answers;

    public BudgetSubcommand(CommandArgs args, BudgetAnswers answers) {
        this.args = args;
        this.answers = answers;
    }

    @Override
    public String name() {
        return "budget";
    }

    @Override
    public String usage() {
        return "budget [team]";
    }

    @Override
    public String description() {
        return "this month's envelope, spent, remaining, % used and forecast, per workflow too";
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
