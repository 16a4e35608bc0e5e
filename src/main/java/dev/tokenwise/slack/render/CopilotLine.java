package dev.tokenwise.slack.render;

import static dev.tokenwise.common.Figures.percent;
import static dev.tokenwise.common.Figures.usd;
import static dev.tokenwise.digest.DigestFormat.count;

import java.math.BigDecimal;

import dev.tokenwise.sources.CopilotWeek;

/** The digest's Copilot line (docs/contract.md §5.7), in its Cost section. */
final class CopilotLine {

    private CopilotLine() {
    }

    /**
     * "Copilot: $95.00 (12 % of spend) · 4,210 lines accepted · up to 14 active users a day", the activity only from
     * team-days with at least 5 Copilot users.
     */
    static String of(CopilotWeek w, BigDecimal totalUsd) {
        String share = totalUsd != null && totalUsd.signum() > 0
                ? " (" + percent(w.spendUsd().doubleValue() / totalUsd.doubleValue()) + " of spend)"
                : "";
        String activity = w.activityDays() == 0 ? " · activity not shown (fewer than 5 Copilot users a day)"
                : " · " + count(w.linesAccepted()) + " lines accepted · up to " + count(w.peakActiveUsers())
                        + " active users a day";
        return "Copilot: " + usd(w.spendUsd()) + share + activity;
    }
}
