package dev.tokenwise.impact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Money;
import dev.tokenwise.common.Stats;
import dev.tokenwise.github.AiMarkers;
import dev.tokenwise.scorecard.ImpactFigures;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.settings.SettingsService;
import dev.tokenwise.team.TeamSettings;

/**
 * AI impact (docs/contract.md §7.7): finds the AI-assisted PRs among those merged in the period by their signals,
 * compares the two cohorts, and attributes cost: the events that named a PR go to it, and the rest of a session's
 * cost, whenever spent, is split evenly among the PRs that contain its commits. Figures read what is known when they
 * are asked, so signals that arrive late (after the merge, days later) count from then on.
 */
@ApplicationScoped
public class AiImpactService implements ImpactFigures {

    static final List<String> SIGNALS = List.of("label", "usage", "trailer", "body_marker", "bot_author");

    private static final double HOUR_MS = 3_600_000d;

    private final ImpactRepository records;
    private final SettingsService settings;

    public AiImpactService(ImpactRepository records, SettingsService settings) {
        this.records = records;
        this.settings = settings;
    }

    @Override
    public Impact aiImpact(TeamSettings team, Period period) {
        List<ImpactRepository.MergedPr> merged = records.merged(team.id(), period, settings.current()
                .aiAssistedLabel());
        Map<Long, Signals> signals = new HashMap<>();
        for (ImpactRepository.MergedPr pr : merged) {
            Signals s = signals.computeIfAbsent(pr.id(), id -> new Signals());
            s.found(pr.label(), "label", null);
            s.found(pr.namedByUsage(), "usage", null);
            s.found(pr.bodyAgent() != null, "body_marker", pr.bodyAgent());
            s.found(pr.botAgent() != null, "bot_author", pr.botAgent());
        }
        // Each read is its own statement: a PR merged meanwhile may show up in a later one only, and is left out.
        Map<String, Set<Long>> prsOfSession = new LinkedHashMap<>();
        for (ImpactRepository.CommitSignal c : records.commitSignals(team.id(), period)) {
            Signals s = signals.get(c.pullRequestId());
            if (s == null) {
                continue;
            }
            s.found(c.aiAgent() != null, "trailer", c.aiAgent());
            if (c.sessionId() != null) {
                s.found(true, "usage", AiMarkers.agentOfTool(c.tool()));
                prsOfSession.computeIfAbsent(c.sessionId(), k -> new HashSet<>()).add(c.pullRequestId());
            }
        }
        Map<String, Integer> bySignal = new LinkedHashMap<>();
        SIGNALS.forEach(s -> bySignal.put(s, 0));
        Map<String, Integer> byAgent = new TreeMap<>();
        List<ImpactRepository.MergedPr> ai = new ArrayList<>();
        List<ImpactRepository.MergedPr> other = new ArrayList<>();
        for (ImpactRepository.MergedPr pr : merged) {
            Signals s = signals.get(pr.id());
            (s.names.isEmpty() ? other : ai).add(pr);
            s.names.forEach(n -> bySignal.merge(n, 1, Integer::sum));
            s.agents.forEach(a -> byAgent.merge(a, 1, Integer::sum));
        }
        String withheld = withheldReason(team, ai, other);
        if (withheld != null) {
            return new Impact(new Scorecard.AiImpact(withheld, null, null, bySignal, byAgent), ai.size());
        }
        BigDecimal cost = Money.round(BigDecimal.valueOf(attributedCost(ai, prsOfSession)));
        CohortStats a = CohortStats.of(ai);
        CohortStats o = CohortStats.of(other);
        return new Impact(new Scorecard.AiImpact(null,
                new Scorecard.AiCohort(ai.size(), a.cycle(), a.review(), a.reverted(), cost,
                        ai.isEmpty() ? null
                                : Money.round(cost.divide(BigDecimal.valueOf(ai.size()), Money.SCALE,
                                        RoundingMode.HALF_UP))),
                new Scorecard.Cohort(other.size(), o.cycle(), o.review(), o.reverted()), bySignal, byAgent),
                ai.size());
    }

    @Override
    public BigDecimal attributedThroughSessions(TeamSettings team, Period period) {
        return Money.round(BigDecimal.valueOf(records.throughSessions(team.id(), period)));
    }

    /**
     * The cost attributed to the AI-assisted PRs: what named them, and each linked session's remaining cost divided
     * by the number of PRs (merged or not) that contain its commits.
     */
    private double attributedCost(List<ImpactRepository.MergedPr> ai, Map<String, Set<Long>> prsOfSession) {
        double total = 0;
        for (ImpactRepository.MergedPr pr : ai) {
            total += pr.directCostUsd();
        }
        if (prsOfSession.isEmpty()) {
            return total;
        }
        Map<String, ImpactRepository.SessionShare> shares = records.sessionShares(List.copyOf(prsOfSession
                .keySet()));
        for (Map.Entry<String, Set<Long>> e : prsOfSession.entrySet()) {
            ImpactRepository.SessionShare share = shares.get(e.getKey());
            if (share != null) {
                int among = Math.max(share.prs(), e.getValue().size());
                total += share.costUsd() * e.getValue().size() / among;
            }
        }
        return total;
    }

    /**
     * docs/contract.md §2.3: a cohort whose PRs come from fewer than {@code min_contributors} distinct authors would
     * tell who uses AI (or who does not).
     */
    private static String withheldReason(TeamSettings team, List<ImpactRepository.MergedPr> ai,
            List<ImpactRepository.MergedPr> other) {
        int k = team.minContributors();
        if (authors(ai) >= k && authors(other) >= k) {
            return null;
        }
        return "The comparison needs merged PRs from at least " + k + " different people on each side "
                + "(AI-assisted and other); with fewer it would tell who uses AI. Tokenwise compares groups only.";
    }

    private static int authors(List<ImpactRepository.MergedPr> prs) {
        Set<String> authors = new HashSet<>();
        prs.forEach(p -> {
            if (p.author() != null) {
                authors.add(p.author());
            }
        });
        return authors.size();
    }

    /** The signals that found one PR and the agents they named. */
    private static final class Signals {
        final Set<String> names = new HashSet<>();
        final Set<String> agents = new HashSet<>();

        void found(boolean holds, String signal, String agent) {
            if (holds) {
                names.add(signal);
                if (agent != null) {
                    agents.add(agent);
                }
            }
        }
    }

    /** A cohort's medians and reverted PRs. */
    private record CohortStats(Scorecard.Median cycle, Scorecard.Median review, int reverted) {

        static CohortStats of(List<ImpactRepository.MergedPr> prs) {
            List<Double> cycle = new ArrayList<>();
            List<Double> review = new ArrayList<>();
            int reverted = 0;
            for (ImpactRepository.MergedPr pr : prs) {
                if (pr.createdAt() != null) {
                    cycle.add(hours(pr.createdAt(), pr.mergedAt()));
                }
                if (pr.firstReviewAt() != null && pr.reviewStart() != null) {
                    // A review given while the PR was still a draft waited for nothing: 0, never negative.
                    review.add(Math.max(0, hours(pr.reviewStart(), pr.firstReviewAt())));
                }
                reverted += pr.reverted() ? 1 : 0;
            }
            return new CohortStats(median(cycle), median(review), reverted);
        }

        private static Scorecard.Median median(List<Double> values) {
            return new Scorecard.Median(Stats.round4(Stats.median(values.stream().mapToDouble(d -> d).toArray())));
        }

        private static double hours(Instant from, Instant to) {
            return Duration.between(from, to).toMillis() / HOUR_MS;
        }
    }
}
