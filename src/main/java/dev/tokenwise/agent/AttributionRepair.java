package dev.tokenwise.agent;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.github.PrCommits;
import io.quarkus.scheduler.Scheduled;

/**
 * Sets again what two overlapping transactions can leave unset between an agent session's commit and the PR that
 * holds it (docs/architecture.md "Attribution reads"). The two sides arrive in different requests, and each looks for
 * the other's row as it writes its own: a session's commit for the PR commit (session_commit.in_pr), a PR commit for
 * the session's (pr_commit.session_linked), a short id for the pushed commit it starts (session_commit.full_sha). When
 * both commit at the same moment neither sees the other, and the session's cost would stay unattributed for good.
 * <p>
 * Every {@code tokenwise.attribution.repair-every} (default 10 minutes) the session commits made in the last
 * {@link #WINDOW} are checked again (an index on their time, V20): unresolved short ids, then commits that a PR holds
 * but that are not marked so. Each fix is idempotent, so replicas that run it at the same time only wait for each
 * other's row locks. A session reporting its commit more than two days after making it, in the same instant as the PR
 * is written, is the one case left.
 */
@ApplicationScoped
public class AttributionRepair {

    /** How far back, by the time the session made its commit, the links are checked again. */
    static final Duration WINDOW = Duration.ofDays(2);
    /** Short ids looked up per run (each is one indexed read); the rest wait for the next run. */
    static final int SHORT_IDS_PER_RUN = 500;
    private static final Logger LOG = Logger.getLogger(AttributionRepair.class);

    private final Db db;
    private final AgentEventRepository sessions;
    private final PrCommits prCommits;
    private final Clock clock;

    public AttributionRepair(Db db, AgentEventRepository sessions, PrCommits prCommits, AttributionConfig config,
            Clock clock) {
        LOG.debugf("Attribution repair every %s", config.repairEvery());
        this.prCommits = prCommits;
        this.db = db;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** What a run set: counts only (a commit id is not shown anywhere). */
    public record Repaired(int shortIdsResolved, int sessionCommitsInPr, int prCommitsLinked) {

        boolean any() {
            return shortIdsResolved + sessionCommitsInPr + prCommitsLinked > 0;
        }

        Repaired plus(Repaired other) {
            return new Repaired(shortIdsResolved + other.shortIdsResolved,
                    sessionCommitsInPr + other.sessionCommitsInPr, prCommitsLinked + other.prCommitsLinked);
        }
    }

    @Scheduled(identity = "tokenwise-attribution-repair", every = "${tokenwise.attribution.repair-every}", delayed = "2m", concurrentExecution = SKIP)
    void scheduled() {
        Repaired r = run();
        if (r.any()) {
            LOG.infof("Attribution repair: %d short commit id(s) resolved, %d session commit(s) found in a PR, "
                    + "%d PR commit(s) linked to a session", r.shortIdsResolved(), r.sessionCommitsInPr(),
                    r.prCommitsLinked());
        }
    }

    public Repaired run() {
        Instant since = clock.instant().minus(WINDOW);
        Repaired shortIds = db.transaction(() -> resolveShortIds(since));
        return shortIds.plus(db.transaction(() -> findMissedPrs(since)));
    }

    /** Short ids whose push committed beside them: resolved, and linked both ways when a PR holds the commit. */
    private Repaired resolveShortIds(Instant since) {
        record Unresolved(String sessionId, String commitSha, String teamId) {
        }
        List<Unresolved> open = db.list("SELECT session_id, commit_sha, team_id FROM session_commit "
                + "WHERE full_sha IS NULL AND occurred_at >= ? ORDER BY session_id, commit_sha FETCH FIRST "
                + SHORT_IDS_PER_RUN + " ROWS ONLY",
                rs -> new Unresolved(rs.getString(1), rs.getString(2),
                        rs.getString(3)),
                since);
        int resolved = 0;
        List<String> found = new ArrayList<>();
        for (Unresolved u : open) {
            String full = sessions.fullSha(u.teamId(), u.commitSha()).orElse(null);
            if (full != null && db.update("UPDATE session_commit SET full_sha = ?, in_pr = EXISTS (SELECT 1 FROM "
                    + "pr_commit pc WHERE pc.sha = ?) WHERE session_id = ? AND commit_sha = ? AND full_sha IS NULL",
                    full, full, u.sessionId(), u.commitSha()) > 0) {
                resolved++;
                found.add(full);
            }
        }
        return new Repaired(resolved, 0, prCommits.sessionsMade(found));
    }

    /**
     * Session commits and PR commits of the same commit that were written at the same instant, each before it could
     * see the other: both marked now. (A PR commit written while the session's committed is marked by the PR's side
     * itself, github.PrCommits; the other way round, the session's side marks the PR commit.)
     */
    private Repaired findMissedPrs(Instant since) {
        record Missed(String sessionId, String commitSha, String fullSha) {
        }
        List<Missed> missed = db.list("SELECT session_id, commit_sha, full_sha FROM session_commit sc "
                + "WHERE occurred_at >= ? AND in_pr = FALSE AND full_sha IS NOT NULL "
                + "AND EXISTS (SELECT 1 FROM pr_commit pc WHERE pc.sha = sc.full_sha)",
                rs -> new Missed(rs.getString(1), rs.getString(2), rs.getString(3)), since);
        int[] marked = db.batch("UPDATE session_commit SET in_pr = TRUE WHERE session_id = ? AND commit_sha = ? "
                + "AND in_pr = FALSE",
                missed.stream().map(m -> new Object[] { m.sessionId(), m.commitSha() })
                        .toList());
        return new Repaired(0, IntStream.of(marked).filter(n -> n > 0).sum(),
                prCommits.sessionsMade(missed.stream().map(Missed::fullSha).toList()));
    }
}
