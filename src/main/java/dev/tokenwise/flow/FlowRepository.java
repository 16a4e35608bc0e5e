package dev.tokenwise.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;
import dev.tokenwise.common.db.TimeSlots;
import dev.tokenwise.scorecard.Period;

/**
 * The reads of the flow and quality figures. Every query is a range scan of one team's index on (team_id, time)
 * over [period start, period end); labels are reached through primary keys.
 */
@ApplicationScoped
public class FlowRepository {

    /** A PR merged in the period. */
    public record MergedPr(Instant createdAt, Instant mergedAt, boolean revert) {
    }

    /** A PR whose first review by someone else falls in the period: the wait's start and end. */
    public record ReviewWait(Instant start, Instant firstReviewAt) {
    }

    /** A deployment state and how many production statuses of the period ended in it. */
    public record StateCount(String state, int count) {
    }

    /** Completed workflow runs of the period and, of them, reruns (run_attempt > 1). */
    public record Runs(int completed, int reruns) {
    }

    /** An issue opened in the period and whether it carries a defect label or the incident label. */
    public record OpenedIssue(Instant createdAt, Instant closedAt, boolean defect, boolean incident) {
    }

    private final Db db;

    public FlowRepository(Db db) {
        this.db = db;
    }

    public int mergedPrs(String team, Period period) {
        return db.one("SELECT COUNT(*) FROM gh_pull_request "
                + "WHERE team_id = ? AND merged_at >= ? AND merged_at < ?", rs -> rs.getInt(1), team,
                period.start(), period.end()).orElseThrow();
    }

    /** Merged PRs and their distinct authors of each of several back-to-back periods, read at once. */
    public record MergedByPeriod(int[] mergedPrs, List<Set<String>> authors) {
    }

    public MergedByPeriod mergedByPeriod(String team, List<Period> periods) {
        int[] merged = new int[periods.size()];
        List<Set<String>> authors = new ArrayList<>();
        periods.forEach(p -> authors.add(new HashSet<>()));
        List<Object> params = new ArrayList<>(TimeSlots.boundaries(periods.stream().map(Period::end).toList()));
        params.addAll(List.of(team, periods.get(0).start(), periods.get(periods.size() - 1).end()));
        db.each("SELECT " + TimeSlots.index("merged_at", periods.size()) + ", author FROM gh_pull_request "
                + "WHERE team_id = ? AND merged_at >= ? AND merged_at < ?", rs -> {
                    int i = rs.getInt(1);
                    merged[i]++;
                    String author = rs.getString(2);
                    if (author != null) {
                        authors.get(i).add(author);
                    }
                }, params.toArray());
        return new MergedByPeriod(merged, authors);
    }

    /** Pseudonyms of the distinct authors of the team's PRs merged in the period. */
    public Set<String> authors(String team, Period period) {
        Set<String> authors = new HashSet<>();
        db.each("SELECT DISTINCT author FROM gh_pull_request "
                + "WHERE team_id = ? AND merged_at >= ? AND merged_at < ? AND author IS NOT NULL",
                rs -> authors.add(rs.getString(1)), team, period.start(), period.end());
        return authors;
    }

    public List<MergedPr> merged(String team, Period period) {
        String sql = "SELECT p.created_at, p.merged_at, p.is_revert FROM gh_pull_request p "
                + "WHERE p.team_id = ? AND p.merged_at >= ? AND p.merged_at < ?";
        return db.list(sql, rs -> new MergedPr(Rows.instant(rs, 1), Rows.instant(rs, 2), rs.getBoolean(3)), team,
                period.start(), period.end());
    }

    /**
     * Default-branch revert pushes in the period, except those whose head commit is the merge commit of a revert
     * PR (already counted as that PR).
     */
    public int revertPushes(String team, Period period) {
        String sql = "SELECT COUNT(*) FROM gh_revert_push x WHERE x.team_id = ? AND x.pushed_at >= ? "
                + "AND x.pushed_at < ? AND NOT EXISTS (SELECT 1 FROM gh_pull_request p "
                + "WHERE p.merge_commit_sha = x.head_sha AND p.repo = x.repo AND p.is_revert "
                + "AND p.merged_at IS NOT NULL)";
        return db.one(sql, rs -> rs.getInt(1), team, period.start(), period.end()).orElseThrow();
    }

    /** From ready (else created) to the first review by someone else, for first reviews in the period. */
    public List<ReviewWait> reviewWaits(String team, Period period) {
        String sql = "SELECT COALESCE(ready_at, created_at), first_review_at FROM gh_pull_request "
                + "WHERE team_id = ? AND first_review_at >= ? AND first_review_at < ?";
        return db.list(sql, rs -> new ReviewWait(Rows.instant(rs, 1), Rows.instant(rs, 2)), team, period.start(),
                period.end());
    }

    /** Deployment statuses of the period in the given environments, counted by state. */
    public List<StateCount> deployments(String team, Period period, List<String> environments) {
        String sql = "SELECT state, COUNT(*) FROM gh_deployment_status WHERE team_id = ? AND created_at >= ? "
                + "AND created_at < ? AND environment IN (" + Db.placeholders(environments.size())
                + ") GROUP BY state";
        List<Object> params = new ArrayList<>(List.of(team, period.start(), period.end()));
        params.addAll(environments);
        return db.list(sql, rs -> new StateCount(rs.getString(1), rs.getInt(2)), params.toArray());
    }

    public Runs runs(String team, Period period) {
        String sql = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN run_attempt > 1 THEN 1 ELSE 0 END), 0) "
                + "FROM gh_workflow_run WHERE team_id = ? AND completed_at >= ? AND completed_at < ?";
        return db.one(sql, rs -> new Runs(rs.getInt(1), rs.getInt(2)), team, period.start(), period.end())
                .orElseThrow();
    }

    /** Issues opened in the period, with whether they carry one of the defect labels or the incident label. */
    public List<OpenedIssue> openedIssues(String team, Period period, List<String> defectLabels,
            String incidentLabel) {
        String sql = "SELECT i.created_at, i.closed_at, "
                + "CASE WHEN EXISTS (SELECT 1 FROM gh_label l WHERE l.item_kind = 'issue' AND l.item_id = i.id "
                + "AND l.name IN (" + Db.placeholders(defectLabels.size())
                + ")) THEN 1 ELSE 0 END, "
                + "CASE WHEN EXISTS (SELECT 1 FROM gh_label l WHERE l.item_kind = 'issue' AND l.item_id = i.id "
                + "AND l.name = ?) THEN 1 ELSE 0 END "
                + "FROM gh_issue i WHERE i.team_id = ? AND i.created_at >= ? AND i.created_at < ?";
        List<Object> params = new ArrayList<>(defectLabels);
        params.addAll(Arrays.asList(incidentLabel, team, period.start(), period.end()));
        return db.list(sql, rs -> new OpenedIssue(Rows.instant(rs, 1), Rows.instant(rs, 2), rs.getInt(3) == 1,
                rs.getInt(4) == 1), params.toArray());
    }
}
