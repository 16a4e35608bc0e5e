package dev.tokenwise.slack.render;

import static dev.tokenwise.common.Figures.hours;
import static dev.tokenwise.common.Figures.percent;

import java.util.ArrayList;
import java.util.List;

import dev.tokenwise.scorecard.Scorecard;

/**
 * The digest's DORA lines in its Flow section (docs/contract.md §9.4): lead time for changes, failed deployment
 * recovery time and deployment rework rate, each with its change against the week before. A key without a value this
 * week nor the week before is left out, so a team that does not deploy through GitHub is not shown three "n/a".
 */
final class DoraDigestLines {

    private DoraDigestLines() {
    }

    /** The lines for {@code d}, compared with {@code pd} (null: no comparable week), {@code before} its label. */
    static List<String> lines(Scorecard.Delivery d, Scorecard.Delivery pd, String before) {
        List<String> lines = new ArrayList<>();
        Double lead = d.leadTimeForChangesHours().median();
        Double prevLead = pd == null ? null : pd.leadTimeForChangesHours().median();
        if (lead != null || prevLead != null) {
            lines.add("Lead time for changes: median " + hours(lead) + " · p90 "
                    + hours(d.leadTimeForChangesHours().p90()) + vs(lead, prevLead, before));
        }
        Double recovery = d.failedDeploymentRecoveryHours().median();
        Double prevRecovery = pd == null ? null : pd.failedDeploymentRecoveryHours().median();
        if (recovery != null || prevRecovery != null) {
            lines.add("Recovery from a failed deployment: median " + hours(recovery)
                    + vs(recovery, prevRecovery, before));
        }
        Double rework = d.deploymentReworkRate();
        Double prevRework = pd == null ? null : pd.deploymentReworkRate();
        if (rework != null || prevRework != null) {
            lines.add("Deployment rework: " + (rework == null ? percent(null) : percent(rework) + " of deployments")
                    + DoraMessages.rate(prevRework, before));
        }
        return lines;
    }

    /** " (+12 % vs last week)", else " (3.0 h last week)" when the change cannot be computed, "" without one. */
    private static String vs(Double now, Double previous, String before) {
        String change = DoraMessages.change(now, previous, before);
        if (!change.isEmpty() || previous == null) {
            return change;
        }
        return " (" + hours(previous) + " " + before + ")";
    }
}
