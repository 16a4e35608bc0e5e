package dev.tokenwise.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import dev.tokenwise.team.TeamZoneChanged;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Rollup buckets are the team's local hours, so when a team's time zone changes to one whose hours start at other
 * minutes (Europe/Berlin → Asia/Kolkata; also the first set-up of a team whose usage arrived before it existed, as
 * UTC), the events it still keeps raw move to the buckets of the new zone: each event's figures leave the bucket it
 * records and enter the new one, in pages, each its own transaction — the way repricing moves cost. An event's stored
 * bucket always says where its figures are, so a page that races with ingest or another replica stays consistent.
 * Older periods, whose raw events retention has removed, keep the buckets they had. The pass runs once when the
 * change commits and once more after the team cache's lifetime, for events that another replica bucketed with the
 * zone it still had cached.
 */
@ApplicationScoped
public class RollupRealigner {

    private static final Logger LOG = Logger.getLogger(RollupRealigner.class);
    private static final int PAGE = 2000;

    private final Db db;
    private final RollupUpserts upserts;
    private final RetentionJob retention;
    private final TeamService teams;
    private final Clock clock;
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rollup-realigner");
        t.setDaemon(true);
        return t;
    });

    public RollupRealigner(Db db, RollupUpserts upserts, RetentionJob retention, TeamService teams, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.upserts = upserts;
        this.retention = retention;
        this.teams = teams;
    }

    void onZoneChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TeamZoneChanged ev) {
        if (sameHours(ev.before(), ev.after(), retention.cutoff(), clock.instant())) {
            return;
        }
        runner.execute(() -> realignLogged(ev.teamId()));
        runner.schedule(() -> realignLogged(ev.teamId()), TeamResolver.TTL.plusSeconds(5).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        runner.shutdownNow();
    }

    /** True when both zones' hours start at the same minute at both instants: no bucket moves. */
    static boolean sameHours(ZoneId a, ZoneId b, Instant... at) {
        for (Instant t : at) {
            // floorMod: St John's (-03:30) and Kolkata (+05:30) both start their hours at :30 UTC.
            if (Math.floorMod(a.getRules().getOffset(t).getTotalSeconds(), 3600) != Math.floorMod(
                    b.getRules().getOffset(t).getTotalSeconds(), 3600)) {
                return false;
            }
        }
        return true;
    }

    private void realignLogged(String teamId) {
        try {
            long n = realign(teamId);
            if (n > 0) {
                LOG.infof("moved %d usage events of team %s to its local hours (or recorded their bucket)", n, teamId);
            }
        } catch (RuntimeException e) {
            LOG.error("moving the usage of team " + teamId + " to its local hours failed", e);
        }
    }

    /** Moves the team's kept events to the buckets of its current zone; returns how many moved. */
    public long realign(String teamId) {
        ZoneId zone = db.newTransaction(() -> teams.find(teamId).map(TeamSettings::zone).orElse(ZoneOffset.UTC));
        Instant since = retention.cutoff();
        long moved = 0;
        long[] cursor = { 0 };
        do {
            moved += db.newTransaction(() -> page(teamId, zone, since, cursor));
        } while (cursor[0] > 0);
        db.newTransaction(() -> rebuildContributors(teamId, since.plus(Duration.ofHours(1))));
        return moved;
    }

    /** One page of the team's events by id; {@code cursor[0]} is the last id read, 0 when done. */
    private int page(String teamId, ZoneId zone, Instant since, long[] cursor) {
        List<RollupMoves.Move> moves = new ArrayList<>();
        int[] read = { 0 };
        long[] last = { cursor[0] };
        db.each("SELECT id, occurred_at, bucket_start, repo, workflow, tool, "
                + "model, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, "
                + "cost_usd, cost_reported, priced, session_id, pull_request, actor FROM usage_event "
                + "WHERE team_id = ? AND occurred_at >= ? AND id > ? ORDER BY id LIMIT " + PAGE, rs -> {
                    read[0]++;
                    last[0] = rs.getLong(1);
                    Instant at = Rows.instant(rs, 2);
                    Instant storedRaw = Rows.instant(rs, 3);
                    Instant stored = RollupMoves.storedBucket(storedRaw, at);
                    Instant wanted = Rollups.bucketOf(at, zone);
                    if (storedRaw != null && stored.equals(wanted)) {
                        return;
                    }
                    Integer pr = Rows.intOrNull(rs, 17);
                    UsageEvent old = new UsageEvent(null, at, stored, teamId, rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                            rs.getLong(11), rs.getLong(12), rs.getDouble(13), rs.getBoolean(14), rs.getBoolean(15),
                            rs.getString(16), pr, rs.getString(18), "realign");
                    // An event stored before buckets were recorded gets its bucket written even where it stays.
                    moves.add(new RollupMoves.Move(last[0], old, withBucket(old, wanted)));
                }, teamId, since, cursor[0]);
        cursor[0] = read[0] < PAGE ? 0 : last[0];
        // Note: the guard on the stored bucket leaves an event another replica moved meanwhile to that replica.
        return RollupMoves.apply(db, upserts, "UPDATE usage_event SET bucket_start = ? WHERE id = ? "
                + "AND (bucket_start = ? OR bucket_start IS NULL)",
                m -> new Object[] { m.after().bucket(), m.id(), m.before().bucket() }, moves);
    }

    /**
     * Distinct contributors per bucket cannot be taken out of a bucket like a sum, so the team's rows from the first
     * bucket that lies wholly inside the kept raw events are derived again from those events.
     */
    private void rebuildContributors(String teamId, Instant from) {
        db.update("DELETE FROM usage_contributor WHERE team_id = ? AND bucket_start >= ?", teamId, from);
        List<Object[]> rows = db.list("SELECT DISTINCT bucket_start, actor FROM usage_event "
                + "WHERE team_id = ? AND actor IS NOT NULL AND bucket_start >= ?",
                rs -> new Object[] { teamId, Rows.instant(rs, 1), rs.getString(2) }, teamId, from);
        db.batch(RollupUpserts.INSERT_CONTRIBUTOR, rows);
        upserts.forgetKnownRows();
    }

    private static UsageEvent withBucket(UsageEvent e, Instant bucket) {
        return new UsageEvent(e.eventKey(), e.occurredAt(), bucket, e.teamId(), e.repo(), e.workflow(), e.tool(),
                e.model(), e.inputTokens(), e.cachedInputTokens(), e.cacheWriteTokens(), e.outputTokens(),
                e.reasoningTokens(), e.costUsd(), e.costReported(), e.priced(), e.sessionId(), e.pullRequest(),
                e.actor(), e.source());
    }
}
