package dev.tokenwise.scorecard;

import dev.tokenwise.team.TeamSettings;

/** Routing advice (docs/contract.md §7.8), implemented by {@code routing.RoutingService}. */
public interface RoutingFigures {

    /** The period's routing savings; null when the target model has no price (the figure is undefined). */
    Scorecard.Routing routing(TeamSettings team, Period period);
}
