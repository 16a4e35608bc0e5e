package dev.tokenwise.usage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import dev.tokenwise.common.Sums;

/**
 * A batch of usage events folded into the rollup rows they touch, before anything is written: one SQL row per
 * rollup key instead of one per event. This is the one place that decides which rollup rows an event counts in and
 * what it adds to them (token sums held at the {@code long} bounds by {@link Sums}); both writers, the PostgreSQL
 * statement ({@link PgArrayWrites}) and the portable upserts ({@link RollupUpserts}), only add these deltas to the
 * stored rows. Keys are kept sorted so that every writer locks rows in the same order (no deadlocks between
 * concurrent batches). Contributions may be negative (repricing takes an event's old figures out and puts its new
 * ones in).
 */
final class Rollups {

    record HourKey(String team, Instant bucket, String workflow, String model, String tool, String repo,
            boolean attributed) {
        static final Comparator<HourKey> ORDER = Comparator.comparing(HourKey::team).thenComparing(HourKey::bucket)
                .thenComparing(HourKey::workflow).thenComparing(HourKey::model).thenComparing(HourKey::tool)
                .thenComparing(HourKey::repo).thenComparing(HourKey::attributed);
    }

    static final class HourSums {
        long events;
        double cost;
        long input;
        long cached;
        long cacheWrite;
        long output;
        long reasoning;
        long unpriced;
    }

    /** The narrow rollup: team × workflow × hour, for readers that need spend over long windows. */
    record TeamHourKey(String team, Instant bucket, String workflow) {
        static final Comparator<TeamHourKey> ORDER = Comparator.comparing(TeamHourKey::team)
                .thenComparing(TeamHourKey::bucket).thenComparing(TeamHourKey::workflow);
    }

    static final class TeamHourSums {
        long events;
        double cost;
    }

    record SessionKey(String session, Instant bucket, String team, String workflow, String model, String tool,
            String repo) {
        static final Comparator<SessionKey> ORDER = Comparator.comparing(SessionKey::session)
                .thenComparing(SessionKey::bucket).thenComparing(SessionKey::team)
                .thenComparing(SessionKey::workflow).thenComparing(SessionKey::model)
                .thenComparing(SessionKey::tool).thenComparing(SessionKey::repo);
    }

    static final class SessionSums {
        long events;
        double cost;
        /** The cost of the events that named a PR themselves (attributed to it, not through the session). */
        double direct;
        Instant first;
        Instant last;
    }

    record ContributorKey(String team, Instant bucket, String actor) {
        static final Comparator<ContributorKey> ORDER = Comparator.comparing(ContributorKey::team)
                .thenComparing(ContributorKey::bucket).thenComparing(ContributorKey::actor);
    }

    record PrKey(String repo, int pullRequest) {
        static final Comparator<PrKey> ORDER = Comparator.comparing(PrKey::repo)
                .thenComparingInt(PrKey::pullRequest);
    }

    /** A PR reference's delta: its team and first time (null when only taking events out), and its cost. */
    record PrRef(String team, Instant firstSeen, double cost) {

        /** The least team name and the earliest time, whatever order the events came in; costs add up. */
        PrRef merge(PrRef o) {
            String t = team == null || o.team != null && o.team.compareTo(team) < 0 ? o.team : team;
            Instant f = firstSeen == null || o.firstSeen != null && o.firstSeen.isBefore(firstSeen) ? o.firstSeen
                    : firstSeen;
            return new PrRef(t, f, cost + o.cost);
        }
    }

    final TreeMap<HourKey, HourSums> hours = new TreeMap<>(HourKey.ORDER);
    final TreeMap<TeamHourKey, TeamHourSums> teamHours = new TreeMap<>(TeamHourKey.ORDER);
    final TreeMap<SessionKey, SessionSums> sessions = new TreeMap<>(SessionKey.ORDER);
    final TreeMap<ContributorKey, Boolean> contributors = new TreeMap<>(ContributorKey.ORDER);
    final TreeMap<PrKey, PrRef> prRefs = new TreeMap<>(PrKey.ORDER);

    /**
     * The rollup bucket of an instant for a team in {@code zone}: the start of the local hour that contains it. In a
     * zone with a whole-hour offset that is the UTC hour; in Asia/Kolkata (+05:30) buckets start at :30 UTC, in
     * Asia/Kathmandu (+05:45) at :15, so every local midnight is a bucket boundary and a period of local days selects
     * exactly the events that happened in it (a bucket counts in the period its start falls in).
     */
    static Instant bucketOf(Instant t, ZoneId zone) {
        int offset = zone.getRules().getOffset(t).getTotalSeconds();
        long local = t.getEpochSecond() + offset;
        return Instant.ofEpochSecond(local - Math.floorMod(local, 3600L) - offset);
    }

    /** The bucket of events stored before buckets followed the team's zone: the UTC hour. */
    static Instant utcBucketOf(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    /** The rollup deltas of new events. */
    static Rollups of(List<UsageEvent> events) {
        Rollups r = new Rollups();
        for (UsageEvent e : events) {
            r.add(e, 1);
        }
        return r;
    }

    /** Adds an event ({@code sign} 1) or takes it out ({@code sign} -1, counters and sums only). */
    void add(UsageEvent e, int sign) {
        Instant bucket = e.bucket();
        String repo = Objects.requireNonNullElse(e.repo(), "");
        HourSums h = hours.computeIfAbsent(new HourKey(e.teamId(), bucket, e.workflow(), e.model(), e.tool(), repo,
                e.attributed()), k -> new HourSums());
        h.events += sign;
        h.cost += sign * e.costUsd();
        h.input = Sums.add(h.input, sign * e.inputTokens());
        h.cached = Sums.add(h.cached, sign * e.cachedInputTokens());
        h.cacheWrite = Sums.add(h.cacheWrite, sign * e.cacheWriteTokens());
        h.output = Sums.add(h.output, sign * e.outputTokens());
        h.reasoning = Sums.add(h.reasoning, sign * e.reasoningTokens());
        h.unpriced += e.priced() ? 0 : sign;
        TeamHourSums t = teamHours.computeIfAbsent(new TeamHourKey(e.teamId(), bucket, e.workflow()),
                k -> new TeamHourSums());
        t.events += sign;
        t.cost += sign * e.costUsd();
        if (e.sessionId() != null) {
            SessionSums s = sessions.computeIfAbsent(new SessionKey(e.sessionId(), bucket, e.teamId(), e.workflow(),
                    e.model(), e.tool(), repo), k -> new SessionSums());
            s.events += sign;
            s.cost += sign * e.costUsd();
            s.direct += e.attributed() ? sign * e.costUsd() : 0;
            if (sign > 0) {
                s.first = s.first == null || e.occurredAt().isBefore(s.first) ? e.occurredAt() : s.first;
                s.last = s.last == null || e.occurredAt().isAfter(s.last) ? e.occurredAt() : s.last;
            }
        }
        if (sign > 0 && e.actor() != null) {
            contributors.put(new ContributorKey(e.teamId(), bucket, e.actor()), Boolean.TRUE);
        }
        if (e.pullRequest() != null && e.repo() != null) {
            // A group commit merges requests in no particular order: the merge does not depend on it.
            prRefs.merge(new PrKey(e.repo(), e.pullRequest()), sign > 0
                    ? new PrRef(e.teamId(), e.occurredAt(), e.costUsd())
                    : new PrRef(null, null, -e.costUsd()), PrRef::merge);
        }
    }

    boolean isEmpty() {
        return hours.isEmpty() && teamHours.isEmpty() && sessions.isEmpty() && contributors.isEmpty()
                && prRefs.isEmpty();
    }
}
