package dev.tokenwise.budget;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/**
 * Reads the vendors' billed cost (table billed_cost_day, written by the pulled sources, docs/contract.md §5.7) for a
 * team through its accounts (team_source_account), and the estimate it is compared with: the team's telemetry cost
 * of the models those vendors sell (model_vendor), from the hourly rollup, over the same UTC days.
 */
@ApplicationScoped
public class BilledRepository {

    /** A billing vendor: its source name (also its name in model_vendor) and the kind of account it bills. */
    enum Vendor {
        ANTHROPIC("anthropic", "anthropic_workspace"),
        OPENAI("openai", "openai_project");

        final String source;
        final String accountKind;

        Vendor(String source, String accountKind) {
            this.source = source;
            this.accountKind = accountKind;
        }
    }

    private final Db db;

    public BilledRepository(Db db) {
        this.db = db;
    }

    /** The teams that have at least one billed account mapped. */
    public Set<String> teamsWithAccounts() {
        return new HashSet<>(db.list("SELECT DISTINCT team_id FROM team_source_account WHERE kind IN (?, ?)",
                rs -> rs.getString(1), Vendor.ANTHROPIC.accountKind, Vendor.OPENAI.accountKind));
    }

    /**
     * Per vendor the team has accounts with: how far its billing source got (null when it never ran). One indexed read
     * for a team without accounts, which is most teams: the budget answer pays nothing more for them.
     */
    Map<Vendor, Optional<LocalDate>> coverage(String teamId) {
        Set<String> kinds = new HashSet<>(db.list("SELECT DISTINCT kind FROM team_source_account WHERE team_id = ?",
                rs -> rs.getString(1), teamId));
        Map<Vendor, Optional<LocalDate>> out = new TreeMap<>();
        for (Vendor v : Vendor.values()) {
            if (kinds.contains(v.accountKind)) {
                out.put(v, db.one("SELECT covered_through FROM source_state WHERE source = ?",
                        rs -> Optional.ofNullable(Rows.date(rs, 1)), v.source).orElse(Optional.empty()));
            }
        }
        return out;
    }

    /** What the vendors billed the team's accounts over the UTC days [from, through]. */
    double billed(String teamId, List<Vendor> vendors, LocalDate from, LocalDate through) {
        double sum = 0;
        for (Vendor v : vendors) {
            sum += db.one("SELECT COALESCE(SUM(b.cost_usd), 0) FROM billed_cost_day b JOIN team_source_account a "
                    + "ON a.kind = ? AND a.account = b.account WHERE a.team_id = ? AND b.source = ? "
                    + "AND b.bill_day >= ? AND b.bill_day <= ?", rs -> rs.getDouble(1), v.accountKind, teamId,
                    v.source, from, through).orElse(0d);
        }
        return sum;
    }

    /** The team's telemetry cost of the vendors' models over the UTC days [from, through]. */
    double estimated(String teamId, List<Vendor> vendors, LocalDate from, LocalDate through) {
        List<Object> params = new ArrayList<>();
        params.add(teamId);
        params.add(from.atStartOfDay(ZoneOffset.UTC).toInstant());
        params.add(through.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        vendors.forEach(v -> params.add(v.source));
        return db.one("SELECT COALESCE(SUM(h.cost_usd), 0) FROM usage_hourly h JOIN model_vendor m ON m.model = h.model "
                + "WHERE h.team_id = ? AND h.bucket_start >= ? AND h.bucket_start < ? AND m.vendor IN ("
                + Db.placeholders(vendors.size()) + ")", rs -> rs.getDouble(1), params.toArray()).orElse(0d);
    }
}
