package dev.tokenwise.team;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/**
 * Table team_source_account: the outside accounts of a team's pulled sources (docs/contract.md §5.7) — GitHub teams
 * ({@code github_teams}), Anthropic workspaces ({@code anthropic_workspaces}), OpenAI projects
 * ({@code openai_projects}). An account belongs to one team.
 */
@ApplicationScoped
public class TeamAccountRepository {

    /** The kinds of account, as stored. */
    public enum Kind {
        GITHUB_TEAM("github_team", "github_teams"),
        ANTHROPIC_WORKSPACE("anthropic_workspace", "anthropic_workspaces"),
        OPENAI_PROJECT("openai_project", "openai_projects");

        final String stored;
        final String setting;

        Kind(String stored, String setting) {
            this.stored = stored;
            this.setting = setting;
        }

        /** The team setting that lists accounts of this kind. */
        public String setting() {
            return setting;
        }
    }

    private final Db db;

    public TeamAccountRepository(Db db) {
        this.db = db;
    }

    /** Account → team, for every account of the kind. */
    public Map<String, String> teamsByAccount(Kind kind) {
        Map<String, String> out = new HashMap<>();
        db.each("SELECT account, team_id FROM team_source_account WHERE kind = ?",
                rs -> out.put(rs.getString(1), rs.getString(2)), kind.stored);
        return out;
    }

    /** The team's accounts of the kind, sorted. */
    public List<String> accountsOf(String teamId, Kind kind) {
        return db.list("SELECT account FROM team_source_account WHERE team_id = ? AND kind = ? ORDER BY account",
                rs -> rs.getString(1), teamId, kind.stored);
    }

    /** The team that holds the account, other than {@code teamId}, if any. */
    String otherTeamOf(Kind kind, String account, String teamId) {
        return db.one("SELECT team_id FROM team_source_account WHERE kind = ? AND account = ? AND team_id <> ?",
                rs -> rs.getString(1), kind.stored, account, teamId).orElse(null);
    }

    /** Replaces the team's accounts of the kind. */
    void replace(String teamId, Kind kind, List<String> accounts) {
        db.update("DELETE FROM team_source_account WHERE team_id = ? AND kind = ?", teamId, kind.stored);
        List<Object[]> rows = new ArrayList<>();
        accounts.forEach(a -> rows.add(new Object[] { kind.stored, a, teamId }));
        db.batch("INSERT INTO team_source_account (kind, account, team_id) VALUES (?, ?, ?)", rows);
    }
}
