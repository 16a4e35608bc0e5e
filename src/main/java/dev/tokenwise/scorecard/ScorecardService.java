package dev.tokenwise.scorecard;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Stats;
import dev.tokenwise.team.TeamSettings;

/**
 * Composes a team's scorecard (docs/contract.md §7) from the cost and flow figures, and applies the privacy rule of
 * docs/contract.md §2: a period with at least one and fewer than {@code min_contributors} known contributors is
 * withheld. The same numbers feed the JSON API, the slash commands and the digest.
 */
@ApplicationScoped
public class ScorecardService {

    private final CostFigures costs;
    private final FlowFigures flow;
    private final ReliabilityFigures reliability;
    private final ImpactFigures impact;
    private final ParallelReads parallel;

    public ScorecardService(CostFigures costs, FlowFigures flow, ReliabilityFigures reliability, ImpactFigures impact,
            ParallelReads parallel) {
        this.costs = costs;
        this.flow = flow;
        this.reliability = reliability;
        this.impact = impact;
        this.parallel = parallel;
    }

    /**
     * The cost-per-PR figures alone (cost, merged PRs, cost per merged PR), computed by the same code and under the
     * same privacy rule as {@link #scorecard}, without the flow and quality queries a slash command does not show.
     */
    public Headline headline(TeamSettings team, Period period) {
        String withheld = withheldReason(team, period);
        if (withheld != null) {
            return new Headline(withheld, null, 0, null);
        }
        CompletableFuture<Scorecard.Cost> costPart = parallel.start(() -> cost(team, period));
        int merged = flow.mergedPrs(team, period);
        Scorecard.Cost cost = ParallelReads.join(costPart);
        return new Headline(null, cost, merged, costPerMergedPr(cost, merged));
    }

    /** Cost, merged PRs and cost per merged PR of a period, or {@code withheldReason} and nothing else. */
    public record Headline(String withheldReason, Scorecard.Cost cost, int mergedPrs, BigDecimal costPerMergedPrUsd) {

        public boolean withheld() {
            return withheldReason != null;
        }
    }

    /**
     * The AI-impact figures alone ({@code /tokenwise impact}): merged PRs and {@code ai_impact}, computed by the same
     * code and under the same privacy rule as {@link #scorecard}, without the cost, flow and reliability queries.
     */
    public ImpactAnswer impact(TeamSettings team, Period period) {
        String withheld = withheldReason(team, period);
        if (withheld != null) {
            return new ImpactAnswer(withheld, 0, null);
        }
        CompletableFuture<ImpactFigures.Impact> impactPart = parallel.start(() -> impact.aiImpact(team, period));
        int merged = flow.mergedPrs(team, period);
        return new ImpactAnswer(null, merged, ParallelReads.join(impactPart).json());
    }

    /** Merged PRs and AI impact of a period, or {@code withheldReason} and nothing else. */
    public record ImpactAnswer(String withheldReason, int mergedPrs, Scorecard.AiImpact aiImpact) {
    }

    /**
     * The delivery figures alone ({@code /tokenwise dora}): the five keys with the rest of the delivery section,
     * computed by the same code and under the same privacy rule as {@link #scorecard}, without the cost queries.
     */
    public DoraAnswer dora(TeamSettings team, Period period) {
        String withheld = withheldReason(team, period);
        if (withheld != null) {
            return new DoraAnswer(withheld, null);
        }
        return new DoraAnswer(null, flow.sections(team, period).delivery());
    }

    /** The delivery section of a period (its DORA keys), or {@code withheldReason} and nothing else. */
    public record DoraAnswer(String withheldReason, Scorecard.Delivery delivery) {
    }

    public Scorecard scorecard(TeamSettings team, Period period) {
        String withheld = withheldReason(team, period);
        if (withheld != null) {
            return new Scorecard(team.id(), period.from(), period.to(), period.zone().getId(), true, withheld, null,
                    null, null, null, null, null);
        }
        // The four parts read apart (ParallelReads); the flow part, the longest, on this thread.
        CompletableFuture<Scorecard.Cost> costPart = parallel.start(() -> cost(team, period));
        CompletableFuture<ImpactFigures.Impact> impactPart = parallel.start(() -> impact.aiImpact(team, period));
        CompletableFuture<Scorecard.AgentErrors> errorsPart = parallel.start(() -> reliability.agentErrors(team,
                period));
        FlowFigures.Sections s = flow.sections(team, period);
        Scorecard.Cost cost = ParallelReads.join(costPart);
        ImpactFigures.Impact ai = ParallelReads.join(impactPart);
        double total = cost.totalUsd().doubleValue();
        Scorecard.Delivery d = s.delivery().withCostPerMergedPr(costPerMergedPr(cost, s.delivery().mergedPrs()))
                .withAiAssistedShare(Stats.round4(Stats.ratio(ai.aiAssistedPrs(), s.delivery().mergedPrs())));
        Scorecard.Quality q = s.quality();
        int value = Math.max(0, d.mergedPrs() - d.rollbacks() - q.escapedDefects());
        Double valuePer1k = total == 0 ? null : Stats.round4(value * 1000d / total);
        return new Scorecard(team.id(), period.from(), period.to(), period.zone().getId(), false, null, cost, d, q,
                ai.json(), ParallelReads.join(errorsPart), valuePer1k);
    }

    /** The cost section, its unattributed part less what reached a PR through its session (§7.7). */
    private Scorecard.Cost cost(TeamSettings team, Period period) {
        Scorecard.Cost cost = costs.cost(team, period);
        if (cost.unattributedUsd() == null || cost.unattributedUsd().signum() == 0) {
            return cost;
        }
        BigDecimal throughSessions = impact.attributedThroughSessions(team, period);
        if (throughSessions.signum() == 0) {
            return cost;
        }
        return cost.withUnattributed(cost.unattributedUsd().subtract(throughSessions).max(BigDecimal.ZERO));
    }

    /** docs/contract.md §2: the reason to withhold the period's figures, or null to show them. */
    private String withheldReason(TeamSettings team, Period period) {
        CompletableFuture<Set<String>> people = parallel.start(() -> costs.contributors(team, period));
        Set<String> contributors = new HashSet<>(flow.contributors(team, period));
        contributors.addAll(ParallelReads.join(people));
        int n = contributors.size();
        if (n > 0 && n < team.minContributors()) {
            return "Fewer than " + team.minContributors() + " people contributed in this period, so team figures "
                    + "would describe individuals. Tokenwise shows team-level figures only.";
        }
        return null;
    }

    /** docs/contract.md §7: none merged → "n/a" (null), never infinity. */
    private static BigDecimal costPerMergedPr(Scorecard.Cost cost, int merged) {
        return merged == 0 ? null : Stats.usd(cost.totalUsd().doubleValue() / merged);
    }
}
