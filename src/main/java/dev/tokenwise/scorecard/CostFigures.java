package dev.tokenwise.scorecard;

import java.util.Set;

import dev.tokenwise.team.TeamSettings;

/** The cost side of the scorecard, answered from the usage rollups (never from raw events). */
public interface CostFigures {

    Scorecard.Cost cost(TeamSettings team, Period period);

    /** Pseudonyms of the distinct actors of the team's usage events in the period (for the privacy threshold). */
    Set<String> contributors(TeamSettings team, Period period);
}
