package dev.tokenwise.scorecard;

import dev.tokenwise.team.TeamSettings;

/** The team pulse of a period (docs/contract.md §9.9), implemented by {@code pulse.PulseResults}. */
public interface PulseFigures {

    /**
     * The pulse of the latest pulse week ending inside the period, else of the one running at its end; null when the
     * team has no such week.
     */
    Scorecard.Pulse pulse(TeamSettings team, Period period);
}
