package dev.tokenwise.agent;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.github.PrCommits;

/**
 * Stores what agent events say beside usage (docs/contract.md §5.6): errors, the sessions that sent events per day,
 * and the commits sessions produced. Written in the caller's transaction (the ingest group's), each row at most
 * once, so a retried export or a group that is split and written again changes nothing. Rows go in key order, so
 * that two exports of one session wait for each other instead of deadlocking.
 */
@ApplicationScoped
public class AgentEventRepository {

    /** Rows in key order (team, day, tool, session); the actor is not part of the key. */
    private static final Comparator<SessionDay> DAY_KEY = Comparator.comparing(SessionDay::teamId)
            .thenComparing(SessionDay::day).thenComparing(SessionDay::tool).thenComparing(SessionDay::sessionId);

    /** A full commit id: 40 hex digits. */
    private static final int FULL_SHA = 40;

    private final Db db;
    private final PrCommits prCommits;

    public AgentEventRepository(Db db, PrCommits prCommits) {
        this.db = db;
        this.prCommits = prCommits;
    }

    /**
     * The full id of a session's commit (docs/contract.md §7.7): a 40-digit id is one; a short one is the commit of
     * the session's team it starts, among those pushed or named by a PR so far (the first, should several start with
     * it), else null until a push or a PR names it (github.PrCommits resolves it then).
     */
    private Object fullSha(SessionCommit c) {
        return fullSha(c.teamId(), c.commitSha()).map(sha -> (Object) sha).orElse(Db.nullOf(Types.VARCHAR));
    }

    /** {@link #fullSha(SessionCommit)} of a team's reported commit id, empty while unknown. */
    Optional<String> fullSha(String teamId, String commitSha) {
        if (commitSha.length() >= FULL_SHA) {
            return Optional.of(commitSha);
        }
        String from = commitSha;
        String to = from + "g";
        return db.one("SELECT MIN(sha) FROM (SELECT sha FROM gh_commit WHERE sha >= ? AND sha < ? AND team_id = ? "
                + "UNION ALL SELECT head_sha FROM gh_pull_request WHERE head_sha >= ? AND head_sha < ? AND team_id = ? "
                + "UNION ALL SELECT merge_commit_sha FROM gh_pull_request WHERE merge_commit_sha >= ? "
                + "AND merge_commit_sha < ? AND team_id = ?) x", rs -> rs.getString(1), from, to, teamId, from, to,
                teamId, from, to, teamId);
    }

    public void write(List<AgentError> errors, List<SessionDay> days, List<SessionCommit> commits) {
        if (!errors.isEmpty()) {
            db.batch("INSERT INTO agent_error (error_key, occurred_at, team_id, tool, error_class, status_code, "
                    + "session_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    errors.stream().sorted(Comparator.comparing(AgentError::key))
                            .map(e -> new Object[] { e.key(), e.occurredAt(), e.teamId(), e.tool(),
                                    e.errorClass().id(), e.status() == null ? Db.nullOf(Types.INTEGER) : e.status(),
                                    e.sessionId() })
                            .toList());
        }
        if (!days.isEmpty()) {
            // One row per team, day, tool and session: the first of a batch wins (a session is one person's run).
            Map<SessionDay, SessionDay> unique = new TreeMap<>(DAY_KEY);
            days.forEach(d -> unique.putIfAbsent(d, d));
            db.batch("INSERT INTO agent_session_day (team_id, local_day, tool, session_id, actor) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    unique.values().stream()
                            .map(d -> new Object[] { d.teamId(), d.day(), d.tool(), d.sessionId(), d.actor() })
                            .toList());
        }
        if (!commits.isEmpty()) {
            List<Object[]> rows = commits.stream()
                    .sorted(Comparator.comparing(SessionCommit::sessionId).thenComparing(SessionCommit::commitSha))
                    .map(c -> {
                        Object full = fullSha(c);
                        return new Object[] { c.sessionId(), c.commitSha(), c.teamId(), c.tool(), c.occurredAt(),
                                full, full };
                    })
                    .toList();
            // Each knows whether its commit is one of a PR's already (in_pr; the other order: github.PrCommits).
            db.batch("INSERT INTO session_commit (session_id, commit_sha, team_id, tool, occurred_at, full_sha, in_pr) "
                    + "SELECT ?, ?, ?, ?, ?, ?, EXISTS (SELECT 1 FROM pr_commit WHERE sha = ?) ON CONFLICT DO NOTHING",
                    rows);
            // The PRs that hold these commits already learn that a session made them.
            List<String> known = new ArrayList<>();
            rows.forEach(r -> {
                if (r[5] instanceof String sha) {
                    known.add(sha);
                }
            });
            prCommits.sessionsMade(known);
        }
    }
}
