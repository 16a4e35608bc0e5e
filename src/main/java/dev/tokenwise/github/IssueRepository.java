package dev.tokenwise.github;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/** Table gh_issue: issues as merged from their snapshots. */
@ApplicationScoped
public class IssueRepository {

    /** What an issue's row holds before a snapshot is merged into it. */
    public record Stored(String author, Instant createdAt, Instant closedAt, Instant stateAt) {
    }

    /** An issue's row after a snapshot was merged into it. */
    public record Merged(long id, String repo, int number, String team, String author, Instant createdAt,
            Instant closedAt, Instant stateAt) {
    }

    private final Db db;

    public IssueRepository(Db db) {
        this.db = db;
    }

    /** The issue's row, created empty when it is new, and locked until the delivery's transaction ends. */
    public Stored lock(long id, String repo, int number, String team) {
        db.update("INSERT INTO gh_issue (id, repo, issue_number, team_id) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", id, repo, number, team);
        return db.one("SELECT author, created_at, closed_at, state_at FROM gh_issue WHERE id = ? FOR UPDATE",
                rs -> new Stored(rs.getString(1), Rows.instant(rs, 2), Rows.instant(rs, 3), Rows.instant(rs, 4)),
                id).orElseThrow();
    }

    public void update(Merged issue) {
        db.update("UPDATE gh_issue SET repo = ?, issue_number = ?, team_id = ?, "
                + "author = ?, created_at = ?, closed_at = ?, state_at = ? WHERE id = ?", issue.repo(),
                issue.number(), issue.team(), issue.author(), issue.createdAt(), issue.closedAt(), issue.stateAt(),
                issue.id());
    }
}
