package dev.tokenwise.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Stats;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.settings.GlobalSettings;

/**
 * The DORA keys beyond deployments and change failure rate (docs/contract.md §7.2): lead time for changes, failed
 * deployment recovery time, deployment rework rate and issue to production, over the production deployments of the
 * period. Which deployment ships a change is {@link DeployLinks}'s rule.
 */
@ApplicationScoped
public class DoraFigures {

    /**
     * How far before the period a change is looked for when no deployment names its commit: a change merged or pushed
     * earlier than this before its deployment is not counted (docs/contract.md §7.2), so no read is unbounded.
     */
    static final Duration LOOKBACK = Duration.ofDays(90);

    private static final double HOUR_MS = 3_600_000d;

    /** The four keys, each null where undefined (no deployment, no failure, no closed issue). */
    public record Keys(Scorecard.Spread leadTimeForChangesHours, Scorecard.Median failedDeploymentRecoveryHours,
            Double deploymentReworkRate, Scorecard.Median issueToProductionHours) {
    }

    private final DoraRepository records;

    public DoraFigures(DoraRepository records) {
        this.records = records;
    }

    public Keys keys(String team, Period period, GlobalSettings s) {
        List<String> envs = s.productionEnvironments();
        if (envs == null || envs.isEmpty()) {
            return new Keys(new Scorecard.Spread(null, null), median(List.of()), null, median(List.of()));
        }
        List<DoraRepository.Status> statuses = records.statuses(team, period, envs);
        List<DoraRepository.Status> successes = statuses.stream().filter(DoraRepository.Status::success).toList();
        Scorecard.Median recovery = median(recoveries(statuses, period));
        if (successes.isEmpty()) {
            return new Keys(new Scorecard.Spread(null, null), recovery, null, median(List.of()));
        }
        Instant floor = period.start().minus(LOOKBACK);
        Map<String, Instant> before = new HashMap<>();
        Map<String, Set<String>> shasByRepo = new HashMap<>();
        Instant from = period.start();
        for (DoraRepository.Status d : successes) {
            if (!shasByRepo.containsKey(d.repo())) {
                Instant last = records.lastSuccessBefore(d.repo(), envs, period.start()).orElse(null);
                if (last != null) {
                    before.put(d.repo(), last);
                }
                // The earliest change this repository's deployments of the period can ship by time.
                Instant start = last == null || last.isBefore(floor) ? floor : last;
                from = start.isBefore(from) ? start : from;
            }
            Set<String> shas = shasByRepo.computeIfAbsent(d.repo(), r -> new HashSet<>());
            if (d.sha() != null) {
                shas.add(d.sha());
            }
        }
        Set<String> periodShas = new HashSet<>();
        shasByRepo.values().forEach(periodShas::addAll);

        Map<Long, DoraRepository.Pr> prs = new LinkedHashMap<>();
        records.mergedBetween(team, from, period.end()).forEach(p -> prs.put(p.id(), p));
        records.mergedWithSha(periodShas).forEach(p -> prs.putIfAbsent(p.id(), p));
        Map<String, DoraRepository.RevertPush> pushes = new LinkedHashMap<>();
        records.revertPushesBetween(team, from, period.end()).forEach(x -> pushes.put(x.repo() + " " + x.headSha(), x));
        shasByRepo.forEach((repo, shas) -> records.revertPushesWithSha(repo, shas)
                .forEach(x -> pushes.putIfAbsent(x.repo() + " " + x.headSha(), x)));

        Set<String> named = new HashSet<>();
        prs.values().forEach(p -> named.add(p.mergeSha()));
        pushes.values().forEach(x -> named.add(x.headSha()));
        named.remove(null);
        DeployLinks links = new DeployLinks(successes, before, records.firstSuccessBySha(named, envs));

        Map<Long, DoraRepository.Status> deployed = new LinkedHashMap<>();
        for (DoraRepository.Pr p : prs.values()) {
            DoraRepository.Status d = links.deployer(p.repo(), p.mergeSha(), p.mergedAt());
            if (d != null) {
                deployed.put(p.id(), d);
            }
        }
        Set<Long> rework = new HashSet<>();
        List<String> hotfix = s.hotfixLabels() == null ? List.of() : s.hotfixLabels();
        Set<Long> hotfixPrs = hotfix.isEmpty() ? Set.of() : records.labelled(deployed.keySet(), hotfix);
        deployed.forEach((id, d) -> {
            if (prs.get(id).revert() || hotfixPrs.contains(id)) {
                rework.add(d.id());
            }
        });
        for (DoraRepository.RevertPush x : pushes.values()) {
            DoraRepository.Status d = links.deployer(x.repo(), x.headSha(), x.pushedAt());
            if (d != null) {
                rework.add(d.id());
            }
        }
        return new Keys(leadTimes(prs, deployed), recovery, Stats.round4(Stats.ratio(rework.size(), successes.size())),
                median(issueWaits(deployed)));
    }

    /** Deployed-at − the PR's first commit (else its creation), median and p90. */
    private static Scorecard.Spread leadTimes(Map<Long, DoraRepository.Pr> prs,
            Map<Long, DoraRepository.Status> deployed) {
        List<Double> hours = new ArrayList<>();
        deployed.forEach((id, d) -> {
            DoraRepository.Pr p = prs.get(id);
            Instant start = p.firstCommitAt() != null ? p.firstCommitAt() : p.createdAt();
            if (start != null) {
                hours.add(hours(start, d.at()));
            }
        });
        double[] values = array(hours);
        return new Scorecard.Spread(Stats.round4(Stats.median(values)), Stats.round4(Stats.percentile(values, 90)));
    }

    /** Deployed-at − created_at of each issue a deployed PR closes; an issue closed by several: its first. */
    private List<Double> issueWaits(Map<Long, DoraRepository.Status> deployed) {
        if (deployed.isEmpty()) {
            return List.of();
        }
        Map<String, Double> waits = new HashMap<>();
        for (DoraRepository.ClosedIssue i : records.closedIssues(deployed.keySet())) {
            double h = hours(i.createdAt(), deployed.get(i.pullRequestId()).at());
            waits.merge(i.repo() + "#" + i.number(), h, Math::min);
        }
        return new ArrayList<>(waits.values());
    }

    /**
     * For each failure of the period, the hours to the next success of its repository and environment; failures not
     * yet recovered are left out. A success of the period is found in {@code statuses}; a later one is read once per
     * repository and environment (it is the same for every failure after the period's last success).
     */
    private List<Double> recoveries(List<DoraRepository.Status> statuses, Period period) {
        List<Double> out = new ArrayList<>();
        Map<String, Instant> later = new HashMap<>();
        for (int i = 0; i < statuses.size(); i++) {
            DoraRepository.Status f = statuses.get(i);
            if (f.success()) {
                continue;
            }
            Instant next = null;
            for (int j = i + 1; j < statuses.size() && next == null; j++) {
                DoraRepository.Status s = statuses.get(j);
                if (s.success() && s.repo().equals(f.repo()) && s.environment().equals(f.environment())
                        && s.at().isAfter(f.at())) {
                    next = s.at();
                }
            }
            if (next == null) {
                String key = f.repo() + " " + f.environment();
                if (!later.containsKey(key)) {
                    later.put(key, records.firstSuccessFrom(f.repo(), f.environment(), period.end()).orElse(null));
                }
                next = later.get(key);
            }
            if (next != null) {
                out.add(hours(f.at(), next));
            }
        }
        return out;
    }

    private static Scorecard.Median median(List<Double> values) {
        return new Scorecard.Median(Stats.round4(Stats.median(array(values))));
    }

    /** Never negative: a clock skew between GitHub's records must not make a change ship before it was made. */
    private static double hours(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / HOUR_MS);
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
