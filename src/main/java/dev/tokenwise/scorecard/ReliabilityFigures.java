package dev.tokenwise.scorecard;

import dev.tokenwise.team.TeamSettings;

/** Agent reliability (docs/contract.md §7.6), answered from the agents' events. */
public interface ReliabilityFigures {

    Scorecard.AgentErrors agentErrors(TeamSettings team, Period period);
}
