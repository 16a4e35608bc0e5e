package dev.tokenwise.scorecard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A team's figures for a period, in the JSON shape of docs/contract.md §8.1 (snake_case). Money in USD, durations
 * in hours, ratios in 0..1, null where undefined (written as an explicit {@code null}). A withheld scorecard carries no
 * sections at all: {@code cost}, {@code delivery}, {@code quality}, {@code agent_errors} and {@code value_per_1k_usd}
 * are null.
 *
 * @param valuePer1kUsd named explicitly: SNAKE_CASE alone would write {@code value_per1k_usd}
 */
public record Scorecard(String team, LocalDate from, LocalDate to, String timezone, boolean withheld,
        String withheldReason, Cost cost, Delivery delivery, Quality quality, AiImpact aiImpact, Routing routing,
        AgentErrors agentErrors, @JsonProperty("value_per_1k_usd") Double valuePer1kUsd, Pulse pulse) {

    /** A scorecard without routing advice and pulse (tests and callers that do not read them). */
    public Scorecard(String team, LocalDate from, LocalDate to, String timezone, boolean withheld,
            String withheldReason, Cost cost, Delivery delivery, Quality quality, AiImpact aiImpact,
            AgentErrors agentErrors, Double valuePer1kUsd) {
        this(team, from, to, timezone, withheld, withheldReason, cost, delivery, quality, aiImpact, null, agentErrors,
                valuePer1kUsd, null);
    }

    public record Cost(BigDecimal totalUsd, BigDecimal unattributedUsd, long inputTokens, long cachedInputTokens,
            long cacheWriteTokens, long outputTokens, long reasoningTokens, Double cacheHitRatio,
            Map<String, BigDecimal> byWorkflow, Map<String, BigDecimal> byModel, List<String> unpricedModels) {

        public Cost withUnattributed(BigDecimal value) {
            return new Cost(totalUsd, value, inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens,
                    reasoningTokens, cacheHitRatio, byWorkflow, byModel, unpricedModels);
        }
    }

    /**
     * The delivery section (docs/contract.md §7.2), the DORA keys included: deployments, change failure rate, lead time
     * for changes, failed deployment recovery time, deployment rework rate, and issue to production.
     */
    public record Delivery(int mergedPrs, BigDecimal costPerMergedPrUsd, Double aiAssistedShare,
            Spread prCycleTimeHours, Median reviewWaitHours, int deployments, Double changeFailureRate, int rollbacks,
            Double rerunRatio, Spread leadTimeForChangesHours, Median failedDeploymentRecoveryHours,
            Double deploymentReworkRate, Median issueToProductionHours) {

        public Delivery withCostPerMergedPr(BigDecimal value) {
            return new Delivery(mergedPrs, value, aiAssistedShare, prCycleTimeHours, reviewWaitHours, deployments,
                    changeFailureRate, rollbacks, rerunRatio, leadTimeForChangesHours, failedDeploymentRecoveryHours,
                    deploymentReworkRate, issueToProductionHours);
        }

        public Delivery withAiAssistedShare(Double value) {
            return new Delivery(mergedPrs, costPerMergedPrUsd, value, prCycleTimeHours, reviewWaitHours, deployments,
                    changeFailureRate, rollbacks, rerunRatio, leadTimeForChangesHours, failedDeploymentRecoveryHours,
                    deploymentReworkRate, issueToProductionHours);
        }
    }

    /**
     * AI impact (docs/contract.md §7.7): the PRs merged in the period, AI-assisted against the others. When either
     * cohort has fewer than {@code min_contributors} distinct authors the comparison would tell who uses AI:
     * {@code withheldReason} says so and {@code aiAssisted} and {@code other} are null, while {@code bySignal} and
     * {@code byAgent} (counts of AI-assisted PRs) are still shown. {@code bySignal} always names every signal.
     */
    public record AiImpact(String withheldReason, AiCohort aiAssisted, Cohort other, Map<String, Integer> bySignal,
            Map<String, Integer> byAgent) {
    }

    /** The AI-assisted side of {@link AiImpact}: the cohort's figures and the cost attributed to its PRs. */
    public record AiCohort(int mergedPrs, Median cycleTimeHours, Median reviewWaitHours, int revertedPrs,
            BigDecimal attributedCostUsd, BigDecimal costPerPrUsd) {
    }

    /** The other side of {@link AiImpact}: PRs no signal found. */
    public record Cohort(int mergedPrs, Median cycleTimeHours, Median reviewWaitHours, int revertedPrs) {
    }

    public record Quality(int escapedDefects, int incidents, Median timeToRestoreHours, int afterHoursIncidents) {
    }

    /**
     * Agent reliability (docs/contract.md §7.6): errors by class, and the sessions that sent events with the share of
     * them that saw at least one error (null without such sessions), for the team and per tool. Counted only where
     * agents send events. {@code byClass} always names every class.
     */
    public record AgentErrors(int errors, Map<String, Integer> byClass, int sessions, int sessionsWithErrors,
            Double sessionsWithErrorsShare, Map<String, ToolErrors> byTool) {
    }

    /** One tool's part of {@link AgentErrors}. */
    public record ToolErrors(int errors, Map<String, Integer> byClass, int sessions, int sessionsWithErrors,
            Double sessionsWithErrorsShare) {
    }

    /**
     * Routing advice (docs/contract.md §7.8): for each routine workflow, its cost on premium-tier models in the period
     * and what the same tokens would have cost at the target model's prices; {@code savingsUsd} is the sum of the
     * workflows' savings. {@code minSavingsUsd} is the threshold above which the digest mentions it.
     */
    public record Routing(BigDecimal savingsUsd, Map<String, RoutingWorkflow> byWorkflow, String targetModel,
            BigDecimal minSavingsUsd) {
    }

    public record RoutingWorkflow(BigDecimal premiumUsd, BigDecimal atTargetUsd, BigDecimal savingsUsd) {
    }

    /**
     * The team pulse of one week (docs/contract.md §9.9): with at least {@code min_contributors} answers, the number of
     * people who answered and each question's mean and distribution (answers per score 1..5); otherwise
     * {@code withheldReason} and no figures.
     */
    public record Pulse(LocalDate weekStart, Integer responses, String withheldReason, PulseQuestion confidence,
            PulseQuestion reviewLoad) {
    }

    public record PulseQuestion(Double mean, List<Integer> distribution) {
    }

    public record Spread(Double median, Double p90) {
    }

    public record Median(Double median) {
    }
}
