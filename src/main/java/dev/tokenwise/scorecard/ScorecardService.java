package dev.tokenwise.scorecard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

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
    private final RoutingFigures routing;
    private final PulseFigures pulse;
    private final ParallelReads parallel;

    public ScorecardService(CostFigures costs, FlowFigures flow, ReliabilityFigures reliability, ImpactFigures impact,
            RoutingFigures routing, PulseFigures pulse, ParallelReads parallel) {
        this.routing = routing;
        this.pulse = pulse;
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
        return headline(team, period, () -> cost(team, period));
    }

    /**
     * {@link #headline} without the unattributed part of the cost ({@code unattributed_usd} null), for an answer that
     * does not show it: the period a command compares with, a card on the App Home. The unattributed part is the one
     * figure of the headline that reads the AI attribution, so this costs a quarter less.
     */
    public Headline headlineTotals(TeamSettings team, Period period) {
        return headline(team, period, () -> costWithoutUnattributed(team, period));
    }

    private Headline headline(TeamSettings team, Period period, Supplier<Scorecard.Cost> costRead) {
        String withheld = withheldReason(team, period);
        if (withheld != null) {
            return new Headline(withheld, null, 0, null);
        }
        CompletableFuture<Scorecard.Cost> costPart = parallel.start(costRead);
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
            // Note: the pulse has its own threshold (answers, not contributors), so it is shown even here.
            return new Scorecard(team.id(), period.from(), period.to(), period.zone().getId(), true, withheld, null,
                    null, null, null, null, null, null, pulse.pulse(team, period));
        }
        // The parts read apart (ParallelReads); the flow part, the longest, on this thread.
        CompletableFuture<Scorecard.Cost> costPart = parallel.start(() -> cost(team, period));
        CompletableFuture<ImpactFigures.Impact> impactPart = parallel.start(() -> impact.aiImpact(team, period));
        CompletableFuture<Scorecard.AgentErrors> errorsPart = parallel.start(() -> reliability.agentErrors(team,
                period));
        CompletableFuture<Scorecard.Routing> routingPart = parallel.start(() -> routing.routing(team, period));
        CompletableFuture<Scorecard.Pulse> pulsePart = parallel.start(() -> pulse.pulse(team, period));
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
                ai.json(), ParallelReads.join(routingPart), ParallelReads.join(errorsPart), valuePer1k,
                ParallelReads.join(pulsePart));
    }

    /**
     * The period before, as a digest compares its own period with it (docs/contract.md §9.4): the cost, delivery and
     * quality sections of {@link #scorecard}, by the same code and under the same privacy rule, and nothing the digest
     * shows of its own period only: no AI impact, routing, agent errors, pulse or value per $1k, no
     * {@code ai_assisted_share} in the delivery and no {@code unattributed_usd} in the cost (null), which need the AI
     * attribution. A digest reads this besides the whole scorecard of its week, at about half the cost of a second
     * scorecard.
     */
    public Scorecard comparison(TeamSettings team, Period period) {
        String withheld = withheldReason(team, period);
        if (withheld != null) {
            return new Scorecard(team.id(), period.from(), period.to(), period.zone().getId(), true, withheld, null,
                    null, null, null, null, null, null, null);
        }
        CompletableFuture<Scorecard.Cost> costPart = parallel.start(() -> costWithoutUnattributed(team, period));
        FlowFigures.Sections s = flow.sections(team, period);
        Scorecard.Cost cost = ParallelReads.join(costPart);
        Scorecard.Delivery d = s.delivery().withCostPerMergedPr(costPerMergedPr(cost, s.delivery().mergedPrs()));
        return new Scorecard(team.id(), period.from(), period.to(), period.zone().getId(), false, null, cost, d,
                s.quality(), null, null, null, null, null);
    }

    /**
     * Routing advice alone ({@code /tokenwise routing}), computed by the same code and under the same privacy rule as
     * {@link #scorecard}.
     */
    public RoutingAnswer routing(TeamSettings team, Period period) {
        String withheld = withheldReason(team, period);
        return withheld != null ? new RoutingAnswer(withheld, null)
                : new RoutingAnswer(null, routing.routing(team, period));
    }

    /** Routing advice of a period (null when undefined), or {@code withheldReason} and nothing else. */
    public record RoutingAnswer(String withheldReason, Scorecard.Routing routing) {
    }

    /**
     * Cost, merged PRs, cost per merged PR and spend by workflow of several weeks at once (the digest's chart), each
     * week under the privacy rule of {@link #scorecard}: the same numbers as each week's scorecard (the spend to the
     * cent, {@link CostFigures#spend}), read with one query per figure for all the weeks.
     */
    public List<WeekFigures> weeks(TeamSettings team, List<Period> weeks) {
        FlowFigures.Merged prs = flow.merged(team, weeks);
        List<Set<String>> authors = prs.authors();
        // The usage's people only for the weeks whose PR authors are too few on their own (most weeks have enough).
        int first = -1;
        int last = -1;
        for (int i = 0; i < weeks.size(); i++) {
            if (!enoughPeople(team, authors.get(i))) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        List<Set<String>> people = first < 0 ? List.of() : costs.contributors(team, weeks.subList(first, last + 1));
        List<CostFigures.Spend> spend = costs.spend(team, weeks);
        int[] merged = prs.mergedPrs();
        List<WeekFigures> out = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            Set<String> all = new HashSet<>(authors.get(i));
            if (i >= first && i <= last) {
                all.addAll(people.get(i - first));
            }
            String withheld = withheldReason(team, all.size());
            if (withheld != null) {
                out.add(new WeekFigures(weeks.get(i), withheld, null, null, null, null));
            } else {
                CostFigures.Spend s = spend.get(i);
                out.add(new WeekFigures(weeks.get(i), null, s.totalUsd(), merged[i],
                        costPerMergedPr(s.totalUsd(), merged[i]), s.byWorkflow()));
            }
        }
        return out;
    }

    /**
     * One week of {@link #weeks}: withheld (a reason and no figures), or its cost, merged PRs, cost per merged PR (null
     * when none merged) and spend by workflow.
     */
    public record WeekFigures(Period period, String withheldReason, BigDecimal costUsd, Integer mergedPrs,
            BigDecimal costPerMergedPrUsd, Map<String, BigDecimal> byWorkflow) {

        public boolean withheld() {
            return withheldReason != null;
        }
    }

    /** The cost section without its unattributed part (null), which alone reads the AI attribution. */
    private Scorecard.Cost costWithoutUnattributed(TeamSettings team, Period period) {
        return costs.cost(team, period).withUnattributed(null);
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
        Set<String> contributors = new HashSet<>(flow.contributors(team, period));
        if (enoughPeople(team, contributors)) {
            // The merged PRs' authors alone are enough people: the usage's cannot make fewer.
            return null;
        }
        contributors.addAll(costs.contributors(team, period));
        return withheldReason(team, contributors.size());
    }

    /** At least {@code min_contributors} people: a period of theirs is never withheld, whoever else took part. */
    private static boolean enoughPeople(TeamSettings team, Set<String> people) {
        return people.size() >= team.minContributors();
    }

    private static String withheldReason(TeamSettings team, int n) {
        if (n > 0 && n < team.minContributors()) {
            return "Fewer than " + team.minContributors() + " people contributed in this period, so team figures "
                    + "would describe individuals. Tokenwise shows team-level figures only.";
        }
        return null;
    }

    /** docs/contract.md §7: none merged → "n/a" (null), never infinity. */
    private static BigDecimal costPerMergedPr(Scorecard.Cost cost, int merged) {
        return costPerMergedPr(cost.totalUsd(), merged);
    }

    private static BigDecimal costPerMergedPr(BigDecimal cost, int merged) {
        return merged == 0 ? null : Stats.usd(cost.doubleValue() / merged);
    }
}
