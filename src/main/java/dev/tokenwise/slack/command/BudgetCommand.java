package dev.tokenwise.slack.command;

import jakarta.inject.Singleton;

import dev.tokenwise.budget.BudgetService;
import dev.tokenwise.slack.render.BudgetMessages;
import dev.tokenwise.slack.render.SlackMessage;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/** {@code /tokenwise budget [team]}: envelope, spent, remaining, % used and forecast, per workflow too. */
@Singleton
public class BudgetCommand extends TeamReportCommand {

    private final BudgetService budgets;

    BudgetCommand(CommandArgs args, TeamService teams, BudgetService budgets) {
        super(args, teams);
        this.budgets = budgets;
    }

    @Override
    public String name() {
        return "budget";
    }

    @Override
    public String description() {
        return "this month's envelope, spent, remaining, % used and forecast, per workflow too";
    }

    @Override
    protected SlackMessage report(TeamSettings team) {
        return BudgetMessages.status(budgets.status(team.id()));
    }
}
