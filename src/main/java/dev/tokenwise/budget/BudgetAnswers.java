package dev.tokenwise.budget;

import static dev.tokenwise.common.Figures.percent;
import static dev.tokenwise.common.Figures.usd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.alerts.AlertMessages;
import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * The answer to {@code /tokenwise budget [team]} (docs/contract.md §9): envelope, spent, remaining, % used, forecast, per
 * workflow. Returns text and Block Kit with a null channel; the Slack wiring posts it ephemerally.
 */
@ApplicationScoped
public class BudgetAnswers {

    private final BudgetService budgets;
    private final TeamService teams;

    public BudgetAnswers(BudgetService budgets, TeamService teams) {
        this.budgets = budgets;
        this.teams = teams;
    }

    /** The answer for a team id; an unknown team gets a plain explanation instead of an error. */
    public ChatMessage answer(String teamId) {
        TeamSettings team = teamId == null ? null : teams.find(teamId).orElse(null);
        if (team == null) {
            return AlertMessages.answer(List.of("I don't know a team called `" + teamId + "`. An admin creates it with "
                    + "`PUT /api/admin/teams/" + teamId + "`."));
        }
        return render(budgets.status(team.id()));
    }

    static ChatMessage render(BudgetStatus s) {
        List<String> paragraphs = new ArrayList<>();
        String head = "*Budget of " + s.team() + "* — " + s.month() + " to date (day "
                + String.format(Locale.ROOT, "%.1f", s.elapsedDays()) + " of " + s.daysInMonth() + ", " + s.timezone()
                + ")";
        paragraphs.add(head + "\n" + line(s.total()));
        if (!s.byWorkflow().isEmpty()) {
            StringBuilder sb = new StringBuilder("*By workflow*");
            s.byWorkflow().forEach((w, e) -> sb.append("\n• ").append(w).append(": ").append(line(e)));
            paragraphs.add(sb.toString());
        }
        if (!s.hasBudget()) {
            paragraphs.add("_No envelope is set for this team; an admin sets one with `monthly_budget_usd` "
                    + "(and `workflow_budgets_usd`)._");
        }
        return AlertMessages.answer(paragraphs);
    }

    static String line(BudgetStatus.Envelope e) {
        String spent = usd(e.spentUsd().doubleValue()) + " spent";
        String forecast = e.forecastUsd() == null ? "" : ", forecast " + usd(e.forecastUsd().doubleValue());
        if (e.monthlyUsd() == null) {
            return spent + forecast + " (no envelope)";
        }
        double remaining = e.remainingUsd().doubleValue();
        return spent + " of " + usd(e.monthlyUsd().doubleValue())
                + (e.usedRatio() == null ? "" : " (" + percent(e.usedRatio()) + " used)") + ", "
                + (remaining >= 0 ? usd(remaining) + " remaining" : usd(-remaining) + " over") + forecast
                + (e.forecastRatio() == null ? "" : " (" + percent(e.forecastRatio()) + ")");
    }
}
