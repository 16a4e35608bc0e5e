package dev.tokenwise.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.ReliabilityFigures;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * What {@code /tokenwise spikes [team]} shows (docs/contract.md §9): the spend spikes and runaway sessions raised in
 * the last days, newest first, each with the words its alert had (models, repositories, sessions, burn rate).
 * Snoozed alerts are listed too (they were real). The agents' errors of those days come with them: a spike often
 * has its cause there (a rate-limited agent retrying).
 */
@ApplicationScoped
public class RecentAlertsService {

    private static final int MAX = 10;

    /**
     * A team's recent spikes and runaway sessions, newest first, over the last {@code days} days, and its agents'
     * errors over the same days (today included) for context.
     */
    public record RecentAlerts(TeamSettings team, int days, List<AlertRepository.RaisedAlert> alerts,
            Scorecard.AgentErrors agentErrors) {
    }

    private final AlertRepository store;
    private final TeamService teams;
    private final AlertsConfig config;
    private final ReliabilityFigures reliability;
    private final Clock clock;

    public RecentAlertsService(AlertRepository store, TeamService teams, AlertsConfig config,
            ReliabilityFigures reliability, Clock clock) {
        this.store = store;
        this.teams = teams;
        this.config = config;
        this.reliability = reliability;
        this.clock = clock;
    }

    /** The recent spikes and runaway sessions of a team; empty for an unknown team. */
    public Optional<RecentAlerts> recent(String teamId) {
        Optional<TeamSettings> team = teamId == null ? Optional.empty() : teams.find(teamId);
        return team.map(this::recent);
    }

    /**
     * The team's open alerts, newest first: budget, forecast, spike and runaway alerts raised in the last
     * {@code recent-days} days whose subject is not snoozed now (a snooze is "seen, leave it").
     */
    public List<AlertRepository.RaisedAlert> open(TeamSettings team) {
        Instant now = clock.instant();
        Set<String> snoozed = store.activeSnoozes(now);
        return store.recent(team.id(), List.of("budget", "forecast", "spike", "runaway"),
                now.minus(Duration.ofDays(config.recentDays())), MAX).stream()
                .filter(a -> !snoozed.contains(a.rule() + "|" + a.teamId() + "|" + a.subject())).toList();
    }

    /** The recent spikes and runaway sessions of a configured team. */
    public RecentAlerts recent(TeamSettings team) {
        int days = config.recentDays();
        LocalDate today = LocalDate.ofInstant(clock.instant(), team.zone());
        Period period = new Period(today.minusDays(days - 1L), today.plusDays(1), team.zone());
        return new RecentAlerts(team, days, store.recent(team.id(), List.of("spike", "runaway"),
                clock.instant().minus(Duration.ofDays(days)), MAX), reliability.agentErrors(team, period));
    }
}
