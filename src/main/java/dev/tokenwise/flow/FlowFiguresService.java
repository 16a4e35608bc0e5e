package dev.tokenwise.flow;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Stats;
import dev.tokenwise.scorecard.FlowFigures;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.settings.SettingsService;
import dev.tokenwise.team.TeamSettings;

/**
 * The flow and quality sections of the scorecard (docs/contract.md §7) from the GitHub records, over the period's
 * instants in the team's time zone: merged PRs, cycle time, review wait, deployments, change
 * failure rate, rollbacks, rerun ratio, the other DORA keys ({@link DoraFigures}); escaped defects, incidents, time to
 * restore, after-hours incidents.
 */
@ApplicationScoped
public class FlowFiguresService implements FlowFigures {

    private static final double HOUR_MS = 3_600_000d;

    private final FlowRepository records;
    private final SettingsService settings;
    private final DoraFigures dora;

    public FlowFiguresService(FlowRepository records, SettingsService settings, DoraFigures dora) {
        this.records = records;
        this.settings = settings;
        this.dora = dora;
    }

    @Override
    public Sections sections(TeamSettings team, Period period) {
        GlobalSettings s = settings.current();
        List<FlowRepository.MergedPr> merged = records.merged(team.id(), period);
        int count = merged.size();
        int reverts = 0;
        List<Double> cycle = new ArrayList<>();
        for (FlowRepository.MergedPr pr : merged) {
            if (pr.createdAt() != null) {
                cycle.add(hours(pr.createdAt(), pr.mergedAt()));
            }
            reverts += pr.revert() ? 1 : 0;
        }
        double[] cycleHours = array(cycle);
        int rollbacks = reverts + records.revertPushes(team.id(), period);
        int[] deploys = deployments(team.id(), period, s.productionEnvironments());
        FlowRepository.Runs runs = records.runs(team.id(), period);
        DoraFigures.Keys keys = dora.keys(team.id(), period, s);
        // The AI-assisted share is the scorecard's to fill, from AI impact (all signals, docs/contract.md §7.7).
        Scorecard.Delivery delivery = new Scorecard.Delivery(count, null, null,
                new Scorecard.Spread(Stats.round4(Stats.median(cycleHours)),
                        Stats.round4(Stats.percentile(cycleHours, 90))),
                new Scorecard.Median(Stats.round4(Stats.median(reviewWaits(team.id(), period)))),
                deploys[0], Stats.round4(Stats.ratio(deploys[1], deploys[0] + deploys[1])), rollbacks,
                Stats.round4(Stats.ratio(runs.reruns(), runs.completed())), keys.leadTimeForChangesHours(),
                keys.failedDeploymentRecoveryHours(), keys.deploymentReworkRate(), keys.issueToProductionHours());
        return new Sections(delivery, quality(team, period, s));
    }

    @Override
    public int mergedPrs(TeamSettings team, Period period) {
        return records.mergedPrs(team.id(), period);
    }

    @Override
    public Merged merged(TeamSettings team, List<Period> periods) {
        FlowRepository.MergedByPeriod m = records.mergedByPeriod(team.id(), periods);
        return new Merged(m.mergedPrs(), m.authors());
    }

    @Override
    public Set<String> contributors(TeamSettings team, Period period) {
        return Collections.unmodifiableSet(records.authors(team.id(), period));
    }

    /** Hours from ready (else created) to the first review by someone else, for first reviews in the period. */
    private double[] reviewWaits(String team, Period period) {
        List<Double> waits = new ArrayList<>();
        for (FlowRepository.ReviewWait w : records.reviewWaits(team, period)) {
            if (w.start() != null) {
                // A review given while the PR was still a draft waited for nothing: 0, never negative.
                waits.add(Math.max(0, hours(w.start(), w.firstReviewAt())));
            }
        }
        return array(waits);
    }

    /** [successes, failures + errors] of production deployment statuses in the period. */
    private int[] deployments(String team, Period period, List<String> environments) {
        int[] out = new int[2];
        if (environments == null || environments.isEmpty()) {
            return out;
        }
        for (FlowRepository.StateCount c : records.deployments(team, period, environments)) {
            out["success".equals(c.state()) ? 0 : 1] += c.count();
        }
        return out;
    }

    /** Escaped defects, incidents, time to restore and after-hours incidents of issues opened in the period. */
    private Scorecard.Quality quality(TeamSettings team, Period period, GlobalSettings s) {
        List<String> defects = s.defectLabels() == null || s.defectLabels().isEmpty() ? List.of("")
                : s.defectLabels();
        int escaped = 0;
        int incidents = 0;
        int afterHours = 0;
        List<Double> restore = new ArrayList<>();
        for (FlowRepository.OpenedIssue i : records.openedIssues(team.id(), period, defects, s.incidentLabel())) {
            escaped += i.defect() ? 1 : 0;
            if (i.incident()) {
                incidents++;
                if (i.closedAt() != null) {
                    restore.add(hours(i.createdAt(), i.closedAt()));
                }
                if (afterHours(i.createdAt(), team)) {
                    afterHours++;
                }
            }
        }
        return new Scorecard.Quality(escaped, incidents,
                new Scorecard.Median(Stats.round4(Stats.median(array(restore)))), afterHours);
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

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
