package dev.tokenwise.sources;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Money;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.scorecard.Period;

/**
 * Reads Copilot's part of a team's period: spend from the hourly rollup (tool {@code copilot}), activity from
 * copilot_team_day (UTC days, taken as the period's local dates).
 */
@ApplicationScoped
public class CopilotFigures {

    private final Db db;

    public CopilotFigures(Db db) {
        this.db = db;
    }

    /** The period's Copilot figures, or empty when Copilot cost nothing and left no activity in it. */
    public Optional<CopilotWeek> of(String teamId, Period period) {
        double spend = db.one("SELECT COALESCE(SUM(cost_usd), 0) FROM usage_hourly WHERE team_id = ? "
                + "AND bucket_start >= ? AND bucket_start < ? AND tool = ?", rs -> rs.getDouble(1), teamId,
                period.start(), period.end(), CopilotStore.TOOL).orElse(0d);
        LocalDate last = period.to().minusDays(1);
        Object[] activity = db.one("SELECT COUNT(*), SUM(lines_accepted), MAX(active_users) FROM copilot_team_day "
                + "WHERE team_id = ? AND usage_day >= ? AND usage_day <= ? AND active_users IS NOT NULL",
                rs -> new Object[] { rs.getInt(1), rs.getLong(2), rs.getInt(3) }, teamId, period.from(), last)
                .orElse(new Object[] { 0, 0L, 0 });
        int days = (Integer) activity[0];
        if (spend == 0 && days == 0) {
            return Optional.empty();
        }
        return Optional.of(new CopilotWeek(Money.of(spend), days, days == 0 ? null : (Long) activity[1],
                days == 0 ? null : (Integer) activity[2]));
    }
}
