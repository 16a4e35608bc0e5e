package dev.tokenwise.sources;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/**
 * Table billed_cost_day: what a vendor billed per UTC day and account, stored beside the estimates (never added to
 * the usage rollups). A day is replaced as a whole, in one transaction.
 */
@ApplicationScoped
public class BilledStore {

    private final Db db;

    public BilledStore(Db db) {
        this.db = db;
    }

    /** Replaces the source's day with {@code byAccount} (account → USD; '' for none named). */
    public void replaceDay(String source, LocalDate day, Map<String, Double> byAccount) {
        db.retrying(() -> {
            db.update("DELETE FROM billed_cost_day WHERE source = ? AND bill_day = ?", source, day);
            List<Object[]> rows = new ArrayList<>();
            byAccount.forEach((account, usd) -> rows.add(new Object[] { source, day, account, usd }));
            db.batch("INSERT INTO billed_cost_day (source, bill_day, account, cost_usd) VALUES (?, ?, ?, ?)", rows);
            return rows.size();
        });
    }
}
