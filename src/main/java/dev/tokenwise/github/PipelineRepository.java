package dev.tokenwise.github;

import java.sql.Types;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/**
 * Tables gh_deployment_status, gh_workflow_run and gh_revert_push: what the pipeline did, each kept once as first
 * delivered (these records never change, so a redelivery or a second hook adds nothing).
 */
@ApplicationScoped
public class PipelineRepository {

    private final Db db;

    public PipelineRepository(Db db) {
        this.db = db;
    }

    public void insertDeploymentStatus(long id, Long deploymentId, String repo, String team, String environment,
            String state, Instant createdAt, String sha) {
        db.update("INSERT INTO gh_deployment_status (id, deployment_id, repo, team_id, environment, state, "
                + "created_at, sha) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", id, deploymentId, repo,
                team, environment, state, createdAt, sha);
    }

    public void insertWorkflowRun(long runId, int runAttempt, String repo, String team, String conclusion,
            Instant completedAt) {
        db.update("INSERT INTO gh_workflow_run (run_id, run_attempt, repo, "
                + "team_id, conclusion, completed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", runId,
                runAttempt, repo, team, conclusion, completedAt);
    }

    /** Keeps a revert push once; {@code revertsSha} is the commit it reverts, or null when its message names none. */
    public void insertRevertPush(String repo, String headSha, String team, Instant pushedAt, String revertsSha) {
        db.update("INSERT INTO gh_revert_push (repo, head_sha, team_id, pushed_at, reverts_sha) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", repo, headSha, team, pushedAt,
                revertsSha == null ? Db.nullOf(Types.VARCHAR) : revertsSha);
    }
}
