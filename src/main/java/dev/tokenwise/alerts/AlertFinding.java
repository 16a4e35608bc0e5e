package dev.tokenwise.alerts;

import java.util.List;
import java.util.Map;

import dev.tokenwise.budget.Billed;
import dev.tokenwise.budget.BudgetStatus;
import dev.tokenwise.budget.SpendRepository;

/**
 * What an alert rule found (docs/contract.md §9), in figures only: the Slack layer words it. One record per kind
 * of alert.
 */
public sealed interface AlertFinding {

    /** The name under which the alert run counts alerts of this kind ({@link AlertRun#RULES}). */
    String counter();

    /** A new month began for a team whose envelopes raised alerts last month. */
    record BudgetReset(String teamId, String month, Map<String, AlertRepository.BudgetState> lastMonth)
            implements
                AlertFinding {

        @Override
        public String counter() {
            return "budget_reset";
        }
    }

    /**
     * An envelope crossed thresholds of docs/contract.md §9.
     *
     * @param scope {@code *} for the team envelope, else a workflow
     * @param crossed the thresholds passed now, in percent
     * @param level the highest threshold reached
     */
    record BudgetThreshold(String teamId, String scope, String month, List<Integer> crossed, int level,
            double spentUsd, BudgetStatus.Envelope envelope) implements AlertFinding {

        @Override
        public String counter() {
            return "budget";
        }
    }

    /** The month's forecast of an envelope is above it. */
    record BudgetForecast(String teamId, String scope, String month, double spentUsd, double elapsedDays,
            int daysInMonth, BudgetStatus.Envelope envelope) implements AlertFinding {

        @Override
        public String counter() {
            return "forecast";
        }
    }

    /** Today's spend of a team's workflow is a spike against its history, with what drove it. */
    record SpendSpike(String teamId, String workflow, String zone, SpikeMath.Check check, int historyDays,
            List<SpendRepository.Share> models, List<SpendRepository.Share> repos, List<SpendRepository.Share> sessions)
            implements
                AlertFinding {

        @Override
        public String counter() {
            return "spike";
        }
    }

    /**
     * A session over the cost or the duration limit within 24 h.
     *
     * @param hours the session's hours of activity (first to last event)
     */
    record RunawaySession(String teamId, SpendRepository.SessionActivity session, SpendRepository.SessionMain main,
            double hours, double limitUsd, double limitHours) implements AlertFinding {

        @Override
        public String counter() {
            return "runaway";
        }

        public boolean overCost() {
            return session.costUsd() > limitUsd;
        }

        public boolean overHours() {
            return hours > limitHours;
        }
    }

    /**
     * The estimate of the vendors' models is further from their bill than {@code reconcile_drift} over the month's
     * billed days (docs/contract.md §5.7).
     */
    record EstimateDrift(String teamId, String month, Billed billed, double limit) implements AlertFinding {

        @Override
        public String counter() {
            return "drift";
        }
    }
}
