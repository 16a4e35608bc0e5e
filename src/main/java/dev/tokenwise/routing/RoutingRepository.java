package dev.tokenwise.routing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Sums;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.scorecard.Period;

/** Reads what routing advice needs from the hourly usage rollup: cost and tokens by type per workflow and model. */
@ApplicationScoped
public class RoutingRepository {

    /** One workflow's usage of one model in a period: its cost and its tokens by type. */
    public record ModelUsage(String workflow, String model, double costUsd, long inputTokens, long cachedInputTokens,
            long cacheWriteTokens, long outputTokens) {
    }

    private final Db db;

    public RoutingRepository(Db db) {
        this.db = db;
    }

    List<ModelUsage> usage(String team, Period period, List<String> workflows) {
        if (workflows.isEmpty()) {
            return List.of();
        }
        Object[] params = new Object[3 + workflows.size()];
        params[0] = team;
        params[1] = period.start();
        params[2] = period.end();
        for (int i = 0; i < workflows.size(); i++) {
            params[3 + i] = workflows.get(i);
        }
        return db.list("SELECT workflow, model, SUM(cost_usd), SUM(input_tokens), SUM(cached_input_tokens), "
                + "SUM(cache_write_tokens), SUM(output_tokens) FROM usage_hourly WHERE team_id = ? "
                + "AND bucket_start >= ? AND bucket_start < ? AND workflow IN (" + Db.placeholders(workflows.size())
                + ") GROUP BY workflow, model",
                rs -> new ModelUsage(rs.getString(1), rs.getString(2), rs.getDouble(3),
                        Sums.toLong(rs.getBigDecimal(4)), Sums.toLong(rs.getBigDecimal(5)),
                        Sums.toLong(rs.getBigDecimal(6)), Sums.toLong(rs.getBigDecimal(7))),
                params);
    }
}
