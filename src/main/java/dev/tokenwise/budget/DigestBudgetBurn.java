package dev.tokenwise.budget;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.digest.BudgetBurn;
import dev.tokenwise.team.TeamSettings;

/** The digest's "budget burn and forecast" lines, from the same figures as {@code /tokenwise budget}. */
@ApplicationScoped
public class DigestBudgetBurn implements BudgetBurn {

    private final BudgetService budgets;

    public DigestBudgetBurn(BudgetService budgets) {
        this.budgets = budgets;
    }

    @Override
    public Optional<String> lines(TeamSettings team, Instant asOf) {
        BudgetStatus s = budgets.status(team, asOf);
        if (!s.hasBudget()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("• Month to date (" + s.month() + "): " + BudgetAnswers.line(s.total()));
        s.byWorkflow().forEach((w, e) -> {
            if (e.monthlyUsd() != null) {
                sb.append("\n• ").append(w).append(": ").append(BudgetAnswers.line(e));
            }
        });
        return Optional.of(sb.toString());
    }
}
