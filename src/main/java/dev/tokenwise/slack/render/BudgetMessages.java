package dev.tokenwise.slack.render;

import static dev.tokenwise.common.Figures.percent;
import static dev.tokenwise.common.Figures.usd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tokenwise.budget.BudgetStatus;

/**
 * A team's budget in words (docs/contract.md §9): the answer to {@code /tokenwise budget [team]} (envelope, spent,
 * remaining, % used, forecast, per workflow) and the budget lines of the weekly digest, from the same figures.
 */
public final class BudgetMessages {

    private BudgetMessages() {
    }

    /** The answer to {@code /tokenwise budget}. */
    public static SlackMessage status(BudgetStatus s) {
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
        if (s.billedUsd() != null) {
            paragraphs.add(billed(s));
        }
        if (!s.hasBudget()) {
            paragraphs.add("_No envelope is set for this team; an admin sets one with `monthly_budget_usd` "
                    + "(and `workflow_budgets_usd`)._");
        }
        return CommandMessages.paragraphs(paragraphs);
    }

    /** The digest's "budget burn and forecast" lines: the month to date, then each workflow with an envelope. */
    public static String digestLines(BudgetStatus s) {
        StringBuilder sb = new StringBuilder("• Month to date (" + s.month() + "): " + line(s.total()));
        s.byWorkflow().forEach((w, e) -> {
            if (e.monthlyUsd() != null) {
                sb.append("\n• ").append(w).append(": ").append(line(e));
            }
        });
        if (s.billedUsd() != null) {
            sb.append("\n• ").append(billed(s));
        }
        return sb.toString();
    }

    /**
     * The vendors' bill beside the estimate (docs/contract.md §5.7): "*Billed* by the vendors through 2027-11-09:
     * $412.00; estimate drift +12 % (our estimate of their models is above the bill)."
     */
    static String billed(BudgetStatus s) {
        String head = "*Billed* by the vendors through " + s.billedThrough() + ": " + usd(s.billedUsd().doubleValue());
        Double d = s.estimateDrift();
        if (d == null) {
            return head + "; nothing billed yet, so no estimate drift.";
        }
        return head + "; estimate drift " + (d > 0 ? "+" : d < 0 ? "−" : "") + percent(Math.abs(d))
                + (d == 0 ? " (our estimate of their models matches the bill)."
                        : " (our estimate of their models is " + (d > 0 ? "above" : "below") + " the bill).");
    }

    /** One envelope: "$400.00 spent of $1,000.00 (40 % used), $600.00 remaining, forecast … (126 %)". */
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
