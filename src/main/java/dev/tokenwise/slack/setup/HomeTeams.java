package dev.tokenwise.slack.setup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.alerts.RecentAlertsService;
import dev.tokenwise.budget.BudgetService;
import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.slack.command.NamedPeriod;
import dev.tokenwise.slack.render.HomeView;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * The App Home of one viewer (docs/contract.md §4.1): the teams they can see (every team for an admin; otherwise the
 * teams with a digest or alert channel the viewer is a member of, per {@code users.conversations}), each with this
 * week so far, the month's budget and its open alerts, computed by the same services as the commands. Only the
 * teams that fit in one Home tab are computed.
 */
@ApplicationScoped
public class HomeTeams {

    /** The viewer's Home tab content. */
    public record Home(List<HomeView.TeamCard> cards, int hidden, boolean admin) {
    }

    private final SlackAdmins admins;
    private final SlackCalls slack;
    private final TeamService teams;
    private final ScorecardService scorecards;
    private final BudgetService budgets;
    private final RecentAlertsService alerts;
    private final Clock clock;

    public HomeTeams(SlackAdmins admins, SlackCalls slack, TeamService teams, ScorecardService scorecards,
            BudgetService budgets, RecentAlertsService alerts, Clock clock) {
        this.admins = admins;
        this.slack = slack;
        this.teams = teams;
        this.scorecards = scorecards;
        this.budgets = budgets;
        this.alerts = alerts;
        this.clock = clock;
    }

    public Home of(String userId) {
        boolean admin = admins.isAdmin(userId);
        List<TeamSettings> visible = teams.all();
        if (!admin) {
            Set<String> mine = slack.channelsOf(userId);
            visible = visible.stream().filter(t -> mine.contains(t.channel()) || mine.contains(t.alertChannel()))
                    .toList();
        }
        int fit = HomeView.teamsThatFit(admin);
        List<HomeView.TeamCard> cards = new ArrayList<>();
        for (TeamSettings t : visible.subList(0, Math.min(fit, visible.size()))) {
            NamedPeriod week = NamedPeriod.parse("this-week", t.zone(), clock).orElseThrow();
            cards.add(new HomeView.TeamCard(t, scorecards.headlineTotals(t, week.period()),
                    budgets.status(t, clock.instant()), alerts.open(t)));
        }
        return new Home(cards, visible.size() - cards.size(), admin);
    }
}
