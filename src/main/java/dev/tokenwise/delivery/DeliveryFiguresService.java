package dev.tokenwise.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.tokenwise.common.Stats;
import dev.tokenwise.scorecard.DeliveryFigures;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.settings.SettingsService;
import dev.tokenwise.team.TeamSettings;

/**
 * The delivery and quality sections of the scorecard (docs/contract.md §7) from the GitHub records. Every query is a range
 * scan of one team's index on (team_id, time) over [period start, period end), the period's instants in the
 * team's time zone; labels, usage references and reviews are reached through primary keys.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DeliveryFiguresService implements DeliveryFigures {

    private static final double HOUR_MS = 3_600_000d;

    private final DataSource ds;
    private final SettingsService settings;

    public DeliveryFiguresService(DataSource ds, SettingsService settings) {
        this.ds = ds;
        this.settings = settings;
    }

    @Override
    public Sections sections(TeamSettings team, Period period) {
        GlobalSettings s = settings.current();
        try (Connection c = ds.getConnection()) {
            Merged merged = merged(c, team.id(), period, s.aiAssistedLabel());
            int rollbacks = merged.reverts + revertPushes(c, team.id(), period);
            int[] deploys = deployments(c, team.id(), period, s.productionEnvironments());
            int[] runs = runs(c, team.id(), period);
            Scorecard.Delivery delivery = new Scorecard.Delivery(merged.count, null,
                    Stats.round4(Stats.ratio(merged.aiAssisted, merged.count)),
                    new Scorecard.Spread(Stats.round4(Stats.median(merged.cycleHours)),
                            Stats.round4(Stats.percentile(merged.cycleHours, 90))),
                    new Scorecard.Median(Stats.round4(Stats.median(reviewWaits(c, team.id(), period)))),
                    deploys[0], Stats.round4(Stats.ratio(deploys[1], deploys[0] + deploys[1])), rollbacks,
                    Stats.round4(Stats.ratio(runs[1], runs[0])));
            return new Sections(delivery, quality(c, team, period, s));
        } catch (SQLException e) {
            throw new IllegalStateException("Reading delivery figures failed", e);
        }
    }

    @Override
    public int mergedPrs(TeamSettings team, Period period) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gh_pull_request "
                        + "WHERE team_id = ? AND merged_at >= ? AND merged_at < ?")) {
            bindPeriod(ps, team.id(), period);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading merged PRs failed", e);
        }
    }

    @Override
    public Set<String> contributors(TeamSettings team, Period period) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT author FROM gh_pull_request "
                        + "WHERE team_id = ? AND merged_at >= ? AND merged_at < ? AND author IS NOT NULL")) {
            bindPeriod(ps, team.id(), period);
            Set<String> authors = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    authors.add(rs.getString(1));
                }
            }
            return Collections.unmodifiableSet(authors);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading contributors failed", e);
        }
    }

    private record Merged(int count, int aiAssisted, int reverts, double[] cycleHours) {
    }

    /** PRs merged in the period: count, AI-assisted (label or usage reference), reverts, cycle times. */
    private static Merged merged(Connection c, String team, Period period, String aiLabel) throws SQLException {
        String sql = "SELECT p.created_at, p.merged_at, p.is_revert, "
                + "CASE WHEN EXISTS (SELECT 1 FROM gh_label l WHERE l.item_kind = 'pr' AND l.item_id = p.id "
                + "AND l.name = ?) OR EXISTS (SELECT 1 FROM usage_pr_ref u WHERE u.repo = p.repo "
                + "AND u.pull_request = p.pr_number) THEN 1 ELSE 0 END "
                + "FROM gh_pull_request p WHERE p.team_id = ? AND p.merged_at >= ? AND p.merged_at < ?";
        int count = 0;
        int ai = 0;
        int reverts = 0;
        List<Double> cycle = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, aiLabel);
            bindPeriod(ps, 2, team, period);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count++;
                    Instant created = instant(rs, 1);
                    if (created != null) {
                        cycle.add(hours(created, instant(rs, 2)));
                    }
                    reverts += rs.getBoolean(3) ? 1 : 0;
                    ai += rs.getInt(4);
                }
            }
        }
        return new Merged(count, ai, reverts, cycle.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Default-branch revert pushes in the period, except those whose head commit is the merge commit of a revert
     * PR (already counted as that PR).
     */
    private static int revertPushes(Connection c, String team, Period period) throws SQLException {
        String sql = "SELECT COUNT(*) FROM gh_revert_push x WHERE x.team_id = ? AND x.pushed_at >= ? "
                + "AND x.pushed_at < ? AND NOT EXISTS (SELECT 1 FROM gh_pull_request p "
                + "WHERE p.merge_commit_sha = x.head_sha AND p.repo = x.repo AND p.is_revert "
                + "AND p.merged_at IS NOT NULL)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindPeriod(ps, team, period);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Hours from ready (else created) to the first review by someone else, for first reviews in the period. */
    private static double[] reviewWaits(Connection c, String team, Period period) throws SQLException {
        String sql = "SELECT COALESCE(ready_at, created_at), first_review_at FROM gh_pull_request "
                + "WHERE team_id = ? AND first_review_at >= ? AND first_review_at < ?";
        List<Double> waits = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindPeriod(ps, team, period);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant start = instant(rs, 1);
                    if (start != null) {
                        // A review given while the PR was still a draft waited for nothing: 0, never negative.
                        waits.add(Math.max(0, hours(start, instant(rs, 2))));
                    }
                }
            }
        }
        return waits.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** [successes, failures + errors] of production deployment statuses in the period. */
    private static int[] deployments(Connection c, String team, Period period, List<String> environments)
            throws SQLException {
        if (environments == null || environments.isEmpty()) {
            return new int[2];
        }
        String sql = "SELECT state, COUNT(*) FROM gh_deployment_status WHERE team_id = ? AND created_at >= ? "
                + "AND created_at < ? AND environment IN (" + String.join(", ",
                        Collections.nCopies(environments.size(), "?"))
                + ") GROUP BY state";
        int[] out = new int[2];
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindPeriod(ps, team, period);
            for (String env : environments) {
                ps.setString(i++, env);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if ("success".equals(rs.getString(1))) {
                        out[0] += rs.getInt(2);
                    } else {
                        out[1] += rs.getInt(2);
                    }
                }
            }
        }
        return out;
    }

    /** [completed runs, of which reruns (run_attempt > 1)] in the period. */
    private static int[] runs(Connection c, String team, Period period) throws SQLException {
        String sql = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN run_attempt > 1 THEN 1 ELSE 0 END), 0) "
                + "FROM gh_workflow_run WHERE team_id = ? AND completed_at >= ? AND completed_at < ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindPeriod(ps, team, period);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] { rs.getInt(1), rs.getInt(2) };
            }
        }
    }

    /** Escaped defects, incidents, time to restore and after-hours incidents of issues opened in the period. */
    private static Scorecard.Quality quality(Connection c, TeamSettings team, Period period, GlobalSettings s)
            throws SQLException {
        List<String> defects = s.defectLabels() == null || s.defectLabels().isEmpty() ? List.of("")
                : s.defectLabels();
        String sql = "SELECT i.created_at, i.closed_at, "
                + "CASE WHEN EXISTS (SELECT 1 FROM gh_label l WHERE l.item_kind = 'issue' AND l.item_id = i.id "
                + "AND l.name IN (" + String.join(", ", Collections.nCopies(defects.size(), "?"))
                + ")) THEN 1 ELSE 0 END, "
                + "CASE WHEN EXISTS (SELECT 1 FROM gh_label l WHERE l.item_kind = 'issue' AND l.item_id = i.id "
                + "AND l.name = ?) THEN 1 ELSE 0 END "
                + "FROM gh_issue i WHERE i.team_id = ? AND i.created_at >= ? AND i.created_at < ?";
        int escaped = 0;
        int incidents = 0;
        int afterHours = 0;
        List<Double> restore = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String label : defects) {
                ps.setString(i++, label);
            }
            ps.setString(i++, s.incidentLabel());
            bindPeriod(ps, i, team.id(), period);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant created = instant(rs, 1);
                    Instant closed = instant(rs, 2);
                    escaped += rs.getInt(3);
                    if (rs.getInt(4) == 1) {
                        incidents++;
                        if (closed != null) {
                            restore.add(hours(created, closed));
                        }
                        if (afterHours(created, team)) {
                            afterHours++;
                        }
                    }
                }
            }
        }
        return new Scorecard.Quality(escaped, incidents, new Scorecard.Median(Stats.round4(
                Stats.median(restore.stream().mapToDouble(Double::doubleValue).toArray()))), afterHours);
    }

    /** Outside the team's working hours, Monday to Friday, in its time zone (start inclusive, end exclusive). */
    static boolean afterHours(Instant t, TeamSettings team) {
        ZonedDateTime local = t.atZone(team.zone());
        if (local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return true;
        }
        LocalTime time = local.toLocalTime();
        return time.isBefore(team.workStart()) || !time.isBefore(team.workEnd());
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / HOUR_MS;
    }

    private static int bindPeriod(PreparedStatement ps, String team, Period period) throws SQLException {
        return bindPeriod(ps, 1, team, period);
    }

    /** Binds team, start, end from parameter {@code i}; returns the next parameter index. */
    private static int bindPeriod(PreparedStatement ps, int i, String team, Period period) throws SQLException {
        ps.setString(i, team);
        ps.setObject(i + 1, period.start().atOffset(ZoneOffset.UTC));
        ps.setObject(i + 2, period.end().atOffset(ZoneOffset.UTC));
        return i + 3;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
