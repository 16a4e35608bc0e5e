package dev.tokenwise.usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Money;
import dev.tokenwise.common.Stats;
import dev.tokenwise.common.Sums;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.TimeSlots;
import dev.tokenwise.scorecard.CostFigures;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.team.TeamSettings;

/**
 * The scorecard's cost section from the hourly rollup: the period's local boundaries become instants in the team's
 * zone and select the buckets that start inside them. Buckets are the team's local hours, so a period of local days
 * holds exactly the events that happened in it, in every zone.
 */
@ApplicationScoped
public class RollupCostFigures implements CostFigures {

    private final Db db;

    public RollupCostFigures(Db db) {
        this.db = db;
    }

    @Override
    public Scorecard.Cost cost(TeamSettings team, Period period) {
        BigDecimal[] unattributed = { BigDecimal.ZERO };
        long[] tokens = new long[5];
        // Exact sums of the rows' amounts, rounded only when shown, so that the parts add up to the total.
        Map<String, BigDecimal> byWorkflow = new TreeMap<>();
        Map<String, BigDecimal> byModel = new TreeMap<>();
        Set<String> unpriced = new TreeSet<>();
        String sql = "SELECT workflow, model, attributed, SUM(cost_usd), SUM(input_tokens), SUM(cached_input_tokens), "
                + "SUM(cache_write_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(unpriced_events) "
                + "FROM usage_hourly WHERE team_id = ? AND bucket_start >= ? AND bucket_start < ? "
                + "GROUP BY workflow, model, attributed";
        db.each(sql, rs -> {
            BigDecimal c = Money.of(rs.getDouble(4));
            if (!rs.getBoolean(3)) {
                unattributed[0] = unattributed[0].add(c);
            }
            for (int i = 0; i < 5; i++) {
                tokens[i] = Sums.add(tokens[i], Sums.toLong(rs.getBigDecimal(5 + i)));
            }
            byWorkflow.merge(rs.getString(1), c, BigDecimal::add);
            byModel.merge(rs.getString(2), c, BigDecimal::add);
            if (rs.getLong(10) > 0) {
                unpriced.add(rs.getString(2));
            }
        }, team.id(), period.start(), period.end());
        Double hit = Stats.round4(Stats.ratio(tokens[1], (double) tokens[0] + tokens[1] + tokens[2]));
        BigDecimal total = Money.total(byWorkflow.values());
        // The unattributed part is a part of the total too: never shown above it.
        BigDecimal unattributedUsd = Money.round(unattributed[0]).min(total);
        return new Scorecard.Cost(total, unattributedUsd, tokens[0], tokens[1], tokens[2], tokens[3], tokens[4], hit,
                Money.parts(byWorkflow), Money.parts(byModel), List.copyOf(unpriced));
    }

    /**
     * Every period's spend with one query, from the team rollup ({@code usage_team_hourly}: one row per team, hour and
     * workflow), which holds the same costs as the rows {@link #cost} sums in a quarter of the pages. Summed in
     * another order, a total could differ from {@link #cost}'s in the last bit of a double, never in a cent.
     */
    @Override
    public List<Spend> spend(TeamSettings team, List<Period> periods) {
        List<Map<String, BigDecimal>> byWorkflow = new ArrayList<>();
        periods.forEach(p -> byWorkflow.add(new TreeMap<>()));
        List<Object> params = new ArrayList<>(TimeSlots.boundaries(periods.stream().map(Period::end).toList()));
        params.addAll(List.of(team.id(), periods.get(0).start(), periods.get(periods.size() - 1).end()));
        db.each("SELECT " + TimeSlots.index("bucket_start", periods.size()) + ", workflow, SUM(cost_usd) "
                + "FROM usage_team_hourly WHERE team_id = ? AND bucket_start >= ? AND bucket_start < ? "
                + "GROUP BY 1, workflow",
                rs -> byWorkflow.get(rs.getInt(1)).merge(rs.getString(2), Money.of(rs.getDouble(3)), BigDecimal::add),
                params.toArray());
        return byWorkflow.stream().map(w -> new Spend(Money.total(w.values()), Money.parts(w))).toList();
    }

    @Override
    public List<Set<String>> contributors(TeamSettings team, List<Period> periods) {
        List<Set<String>> out = new ArrayList<>();
        periods.forEach(p -> out.add(new HashSet<>()));
        List<Object> params = new ArrayList<>(TimeSlots.boundaries(periods.stream().map(Period::end).toList()));
        params.addAll(List.of(team.id(), periods.get(0).start(), periods.get(periods.size() - 1).end()));
        db.each("SELECT DISTINCT " + TimeSlots.index("bucket_start", periods.size()) + ", actor "
                + "FROM usage_contributor WHERE team_id = ? AND bucket_start >= ? AND bucket_start < ?",
                rs -> out.get(rs.getInt(1)).add(rs.getString(2)), params.toArray());
        return out;
    }

    @Override
    public Set<String> contributors(TeamSettings team, Period period) {
        Set<String> actors = new HashSet<>();
        db.each("SELECT DISTINCT actor FROM usage_contributor WHERE team_id = ? AND bucket_start >= ? "
                + "AND bucket_start < ?", rs -> actors.add(rs.getString(1)), team.id(), period.start(), period.end());
        return actors;
    }
}
