package dev.tokenwise.usage;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Stats;
import dev.tokenwise.scorecard.CostFigures;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.team.TeamSettings;

/**
 * The scorecard's cost section (SPEC §3) from the hourly rollup: the period's local boundaries become instants
 * in the team's zone and select the UTC-hour buckets that start inside them.
 */
@ApplicationScoped
public class RollupCostFigures implements CostFigures {

    private final UsageQueries queries;

    public RollupCostFigures(UsageQueries queries) {
        this.queries = queries;
    }

    @Override
    public Scorecard.Cost cost(TeamSettings team, Period period) {
        double[] cost = new double[2]; // total, unattributed
        long[] tokens = new long[5];
        Map<String, Double> byWorkflow = new TreeMap<>();
        Map<String, Double> byModel = new TreeMap<>();
        Set<String> unpriced = new TreeSet<>();
        String sql = "SELECT workflow, model, attributed, SUM(cost_usd), SUM(input_tokens), SUM(cached_input_tokens), "
                + "SUM(cache_write_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(unpriced_events) "
                + "FROM usage_hourly WHERE team_id = ? AND bucket_start >= ? AND bucket_start < ? "
                + "GROUP BY workflow, model, attributed";
        queries.query(sql, ps -> {
            ps.setString(1, team.id());
            ps.setObject(2, UsageStore.utc(Rollups.hourCeil(period.start())));
            ps.setObject(3, UsageStore.utc(Rollups.hourCeil(period.end())));
        }, rs -> {
            double c = rs.getDouble(4);
            cost[0] += c;
            if (!rs.getBoolean(3)) {
                cost[1] += c;
            }
            for (int i = 0; i < 5; i++) {
                tokens[i] += rs.getLong(5 + i);
            }
            byWorkflow.merge(rs.getString(1), c, Double::sum);
            byModel.merge(rs.getString(2), c, Double::sum);
            if (rs.getLong(10) > 0) {
                unpriced.add(rs.getString(2));
            }
        });
        Double hit = Stats.round4(Stats.ratio(tokens[1], (double) tokens[0] + tokens[1] + tokens[2]));
        return new Scorecard.Cost(Stats.usd(cost[0]), Stats.usd(cost[1]), tokens[0], tokens[1], tokens[2], tokens[3],
                tokens[4], hit, money(byWorkflow), money(byModel), List.copyOf(unpriced));
    }

    @Override
    public Set<String> contributors(TeamSettings team, Period period) {
        Set<String> actors = new HashSet<>();
        queries.query("SELECT DISTINCT actor FROM usage_contributor WHERE team_id = ? AND bucket_start >= ? "
                + "AND bucket_start < ?", ps -> {
                    ps.setString(1, team.id());
                    ps.setObject(2, UsageStore.utc(Rollups.hourCeil(period.start())));
                    ps.setObject(3, UsageStore.utc(Rollups.hourCeil(period.end())));
                }, rs -> actors.add(rs.getString(1)));
        return actors;
    }

    private static Map<String, BigDecimal> money(Map<String, Double> m) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Stats.usd(v)));
        return out;
    }
}
