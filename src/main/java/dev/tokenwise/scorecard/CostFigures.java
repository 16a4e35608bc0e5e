package dev.tokenwise.scorecard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tokenwise.team.TeamSettings;

/** The cost side of the scorecard, answered from the usage rollups (never from raw events). */
public interface CostFigures {

    Scorecard.Cost cost(TeamSettings team, Period period);

    /** Pseudonyms of the distinct actors of the team's usage events in the period (for the privacy threshold). */
    Set<String> contributors(TeamSettings team, Period period);

    /**
     * The spend of each of several periods (ascending, back to back): its total and its parts by workflow, the numbers
     * {@link #cost} gives for each period alone, at least to the cent. Implementations read all periods at once (the
     * digest's 12-week chart); this default asks period by period.
     */
    default List<Spend> spend(TeamSettings team, List<Period> periods) {
        List<Spend> out = new ArrayList<>();
        for (Period p : periods) {
            Scorecard.Cost c = cost(team, p);
            out.add(new Spend(c.totalUsd(), c.byWorkflow()));
        }
        return out;
    }

    /** {@link #contributors(TeamSettings, Period)} of each of several periods (ascending, back to back). */
    default List<Set<String>> contributors(TeamSettings team, List<Period> periods) {
        return periods.stream().map(p -> contributors(team, p)).toList();
    }

    record Spend(BigDecimal totalUsd, Map<String, BigDecimal> byWorkflow) {
    }
}
