package dev.tokenwise.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.tokenwise.team.TeamChanged;

/**
 * Keeps delivery records attributed to the team their repository is mapped to now. Deliveries from a repository
 * mapped to no team are stored under {@code unassigned}; when the repository is mapped (or moved to another team),
 * its history follows it, in the same transaction as the mapping.
 */
@ApplicationScoped
public class DeliveryAttribution {

    static final String[] TABLES = { "gh_pull_request", "gh_issue", "gh_deployment_status", "gh_workflow_run",
            "gh_revert_push" };

    private final DataSource ds;

    public DeliveryAttribution(DataSource ds) {
        this.ds = ds;
    }

    void onTeamChanged(@Observes TeamChanged change) {
        if (change.deleted()) {
            // The team's mappings are gone with it; its records stay until a repository is mapped again.
            return;
        }
        try (Connection c = ds.getConnection()) {
            for (String table : TABLES) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET team_id = ? WHERE repo IN "
                        + "(SELECT full_name FROM repo WHERE team_id = ?) AND team_id <> ?")) {
                    ps.setString(1, change.teamId());
                    ps.setString(2, change.teamId());
                    ps.setString(3, change.teamId());
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Re-attributing delivery records failed", e);
        }
    }
}
