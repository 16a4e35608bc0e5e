package dev.tokenwise.agent;

import java.sql.Types;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

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

    private final Db db;

    public AgentEventRepository(Db db) {
        this.db = db;
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
            db.batch("INSERT INTO session_commit (session_id, commit_sha, team_id, tool, occurred_at) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    commits.stream()
                            .sorted(Comparator.comparing(SessionCommit::sessionId)
                                    .thenComparing(SessionCommit::commitSha))
                            .map(c -> new Object[] { c.sessionId(), c.commitSha(), c.teamId(), c.tool(),
                                    c.occurredAt() })
                            .toList());
        }
    }
}
