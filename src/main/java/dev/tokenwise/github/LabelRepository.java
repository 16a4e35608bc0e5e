package dev.tokenwise.github;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/** Table gh_label: the labels of PRs ({@code item_kind} pr) and issues (issue). */
@ApplicationScoped
public class LabelRepository {

    private final Db db;

    public LabelRepository(Db db) {
        this.db = db;
    }

    public void deleteAll(String kind, long id) {
        db.update("DELETE FROM gh_label WHERE item_kind = ? AND item_id = ?", kind, id);
    }

    public void delete(String kind, long id, String name) {
        db.update("DELETE FROM gh_label WHERE item_kind = ? AND item_id = ? AND name = ?", kind, id, name);
    }

    public void add(String kind, long id, Collection<String> names) {
        List<Object[]> rows = names.stream().map(name -> new Object[] { kind, id, name }).toList();
        db.batch("INSERT INTO gh_label (item_kind, item_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows);
    }
}
