package dev.tokenwise.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.tokenwise.team.TeamChanged;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * The team an event belongs to: its {@code team} field, else the team its repository maps to, else
 * {@code unassigned}. Repository lookups sit on the ingest hot path, so they are cached briefly; a local change
 * clears the cache at once, another replica's change is seen within {@link #TTL}.
 */
@ApplicationScoped
public class TeamResolver {

    static final Duration TTL = Duration.ofSeconds(30);

    private record Entry(Optional<String> team, Instant expires) {
    }

    private record ZoneEntry(ZoneId zone, Instant expires) {
    }

    private final TeamService teams;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> byRepo = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ZoneEntry> zones = new ConcurrentHashMap<>();

    public TeamResolver(TeamService teams, Clock clock) {
        this.teams = teams;
        this.clock = clock;
    }

    /** @param repo lower-case {@code owner/name} or null */
    public String teamOf(String team, String repo) {
        if (team != null) {
            return team;
        }
        if (repo == null) {
            return TeamService.UNASSIGNED;
        }
        Instant now = Instant.now(clock);
        Entry e = byRepo.get(repo);
        if (e == null || now.isAfter(e.expires())) {
            e = new Entry(teams.teamOfRepo(repo), now.plus(TTL));
            byRepo.put(repo, e);
        }
        return e.team().orElse(TeamService.UNASSIGNED);
    }

    /**
     * The time zone whose local hours a team's usage is rolled up in: the team's zone, UTC for a team that is not
     * configured (yet). Cached like repositories; {@link RollupRealigner} moves events a stale entry bucketed.
     */
    public ZoneId zoneOf(String teamId) {
        Instant now = Instant.now(clock);
        ZoneEntry e = zones.get(teamId);
        if (e == null || now.isAfter(e.expires())) {
            ZoneId zone = teams.find(teamId).map(TeamSettings::zone).orElse(ZoneOffset.UTC);
            e = new ZoneEntry(zone, now.plus(TTL));
            zones.put(teamId, e);
        }
        return e.zone();
    }

    void onTeamChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TeamChanged ev) {
        byRepo.clear();
        zones.remove(ev.teamId());
    }
}
