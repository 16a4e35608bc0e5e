package dev.tokenwise.github;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/**
 * Table gh_commit: the commits of pushes, one row per commit and branch. A commit pushed again to the same branch
 * keeps its first row, with the earliest push time (so arrival order does not matter).
 */
@ApplicationScoped
public class CommitRepository {

    /** A commit as kept: its id (lower case), its own time, and the agent of its message's AI marker (or null). */
    public record Kept(String sha, Instant committedAt, String aiAgent) {
    }

    private final Db db;

    public CommitRepository(Db db) {
        this.db = db;
    }

    public void keep(String repo, String branch, String team, Instant pushedAt, List<Kept> commits) {
        db.batch("INSERT INTO gh_commit (repo, sha, branch, team_id, committed_at, pushed_at, ai_agent) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                commits.stream().map(c -> new Object[] { repo, c.sha(), branch, team, c.committedAt(), pushedAt,
                        c.aiAgent() }).toList());
        db.batch("UPDATE gh_commit SET pushed_at = ? WHERE repo = ? AND sha = ? AND branch = ? AND pushed_at > ?",
                commits.stream().map(c -> new Object[] { pushedAt, repo, c.sha(), branch, pushedAt }).toList());
    }
}
