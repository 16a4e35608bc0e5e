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
        String withheldReason, Cost cost, Delivery delivery, Quality quality, AgentErrors agentErrors,
        @JsonProperty("value_per_1k_usd") Double valuePer1kUsd) {

    public record Cost(BigDecimal totalUsd, BigDecimal unattributedUsd, long inputTokens, long cachedInputTokens,
            long cacheWriteTokens, long outputTokens, long reasoningTokens, Double cacheHitRatio,
            Map<String, BigDecimal> byWorkflow, Map<String, BigDecimal> byModel, List<String> unpricedModels) {
    }

    public record Delivery(int mergedPrs, BigDecimal costPerMergedPrUsd, Double aiAssistedShare,
            Spread prCycleTimeHours, Median reviewWaitHours, int deployments, Double changeFailureRate, int rollbacks,
            Double rerunRatio) {

        public Delivery withCostPerMergedPr(BigDecimal value) {
            return new Delivery(mergedPrs, value, aiAssistedShare, prCycleTimeHours, reviewWaitHours, deployments,
                    changeFailureRate, rollbacks, rerunRatio);
        }
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

    public record Spread(Double median, Double p90) {
    }

    public record Median(Double median) {
    }
}
