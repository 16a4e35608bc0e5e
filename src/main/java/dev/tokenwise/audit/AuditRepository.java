package dev.tokenwise.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/** Table audit_log. */
@ApplicationScoped
public class AuditRepository {

    private final Db db;

    public AuditRepository(Db db) {
        this.db = db;
    }

    /** Adds the entry (its id is generated) in the caller's transaction. */
    public void insert(AuditEntry e) {
        db.update("INSERT INTO audit_log (at, actor, action, target, before_json, after_json) "
                + "VALUES (?, ?, ?, ?, ?, ?)", e.at(), e.actor(), e.action(), e.target(), e.beforeJson(), e.afterJson());
    }

    /** The newest entries first, at most {@code limit}. */
    public List<AuditEntry> newestFirst(int limit) {
        return db.list("SELECT id, at, actor, action, target, before_json, after_json FROM audit_log "
                + "ORDER BY id DESC LIMIT ?",
                rs -> new AuditEntry(rs.getLong(1), Rows.instant(rs, 2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                limit);
    }
}
