package dev.tokenwise.team;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/** Table repo: which team each repository belongs to. */
@ApplicationScoped
public class RepoMappingRepository {

    private final Db db;

    public RepoMappingRepository(Db db) {
        this.db = db;
    }

    /** The team a repository ({@code owner/name}, lower case) is mapped to. */
    public Optional<String> teamOf(String fullName) {
        return db.one("SELECT team_id FROM repo WHERE full_name = ?", rs -> rs.getString(1), fullName);
    }

    /** The team's repositories, by name. */
    public List<String> reposOf(String teamId) {
        return db.list("SELECT full_name FROM repo WHERE team_id = ? ORDER BY full_name", rs -> rs.getString(1),
                teamId);
    }

    /** Unmaps the repository (its events then land in the team they name, else {@code unassigned}). */
    public void delete(String fullName) {
        db.update("DELETE FROM repo WHERE full_name = ?", fullName);
    }

    /** Maps the repository, or moves it to another team. */
    public void put(RepoMapping m) {
        if (db.update("UPDATE repo SET team_id = ?, updated_at = ? WHERE full_name = ?", m.teamId(), m.updatedAt(),
                m.fullName()) == 0) {
            db.update("INSERT INTO repo (full_name, team_id, updated_at) VALUES (?, ?, ?)", m.fullName(),
                    m.teamId(), m.updatedAt());
        }
    }
}
