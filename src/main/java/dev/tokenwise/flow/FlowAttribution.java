package dev.tokenwise.flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.team.TeamChanged;

/**
 * Keeps the GitHub records attributed to the team their repository is mapped to now. Deliveries from a repository
 * mapped to no team are stored under {@code unassigned}; when the repository is mapped (or moved to another team),
 * its history follows it, in the same transaction as the mapping.
 */
@ApplicationScoped
public class FlowAttribution {

    static final String[] TABLES = { "gh_pull_request", "gh_issue", "gh_deployment_status", "gh_workflow_run",
            "gh_revert_push", "gh_commit" };

    private final Db db;

    public FlowAttribution(Db db) {
        this.db = db;
    }

    void onTeamChanged(@Observes TeamChanged change) {
        if (change.deleted()) {
            // The team's mappings are gone with it; its records stay until a repository is mapped again.
            return;
        }
        for (String table : TABLES) {
            db.update("UPDATE " + table + " SET team_id = ? WHERE repo IN "
                    + "(SELECT full_name FROM repo WHERE team_id = ?) AND team_id <> ?", change.teamId(),
                    change.teamId(), change.teamId());
        }
    }
}
