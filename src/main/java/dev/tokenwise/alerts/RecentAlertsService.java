package dev.tokenwise.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * What {@code /tokenwise spikes [team]} shows (docs/contract.md §9): the spend spikes and runaway sessions raised in
 * the last days, newest first, each with the words its alert had (models, repositories, sessions, burn rate).
 * Snoozed alerts are listed too (they were real).
 */
@ApplicationScoped
public class RecentAlertsService {

    private static final int MAX = 10;

    /** A team's recent spikes and runaway sessions, newest first, over the last {@code days} days. */
    public record RecentAlerts(TeamSettings team, int days, List<AlertRepository.RaisedAlert> alerts) {
    }

    private final AlertRepository store;
    private final TeamService teams;
    private final AlertsConfig config;
    private final Clock clock;

    public RecentAlertsService(AlertRepository store, TeamService teams, AlertsConfig config, Clock clock) {
        this.store = store;
        this.teams = teams;
        this.config = config;
        this.clock = clock;
    }

    /** The recent spikes and runaway sessions of a team; empty for an unknown team. */
    public Optional<RecentAlerts> recent(String teamId) {
        Optional<TeamSettings> team = teamId == null ? Optional.empty() : teams.find(teamId);
        return team.map(this::recent);
    }

    /** The recent spikes and runaway sessions of a configured team. */
    public RecentAlerts recent(TeamSettings team) {
        int days = config.recentDays();
        return new RecentAlerts(team, days, store.recent(team.id(), List.of("spike", "runaway"),
                clock.instant().minus(Duration.ofDays(days)), MAX));
    }
}
