package dev.tokenwise.settings;

import java.math.BigDecimal;
import java.util.List;

/**
 * Service-wide settings of docs/contract.md §10 with their defaults: the spike rule (factor × median, median + MAD
 * factor × MAD, floor), the runaway-session limits, the labels and environments the delivery figures read (hotfix_labels: a
 * deployment of a PR
 * carrying one is rework, docs/contract.md §7.2), and
 * what marks a commit, PR body or PR author as an AI agent's ({@code ai_commit_patterns}, {@code ai_bot_authors}),
 * the pulled sources' settings (docs/contract.md §5.7): {@code copilot_seat_usd_month}, the monthly price of a
 * Copilot seat (default 19, Copilot Business's list price), and {@code reconcile_drift}, how far the estimate may be
 * from the vendors' bill before an alert (default 0.15); and routing advice (docs/contract.md §7.8): the routine
 * workflows, the model they could run on, and the savings below which the digest does not mention it.
 */
public record GlobalSettings(BigDecimal spikeFactor, BigDecimal spikeMadFactor, BigDecimal spikeFloorUsd,
        BigDecimal sessionCostUsd, BigDecimal sessionHours, List<String> defectLabels, String aiAssistedLabel,
        String incidentLabel, List<String> productionEnvironments, List<String> aiCommitPatterns,
        List<String> aiBotAuthors, List<String> hotfixLabels, BigDecimal copilotSeatUsdMonth,
        BigDecimal reconcileDrift, List<String> routineWorkflows, String routingTargetModel,
        BigDecimal routingMinSavingsUsd) {

    /** The shipped standard-tier model that routine work is priced at by default. */
    public static final String DEFAULT_ROUTING_TARGET_MODEL = "claude-sonnet-4-5";

    /**
     * Case-insensitive regexes (matched per line, {@code ^}/{@code $} at line ends) for the AI markers in commit
     * messages and PR bodies: Co-authored-by trailers naming an agent, and Claude Code's "Generated with" line.
     */
    public static final List<String> DEFAULT_AI_COMMIT_PATTERNS = List.of(
            "^[ \\t]*co-authored-by:.*(\\bclaude\\b|noreply@anthropic\\.com)",
            "^[ \\t]*co-authored-by:.*\\bcopilot\\b",
            "^[ \\t]*co-authored-by:.*\\bcursor\\b",
            "^[ \\t]*co-authored-by:.*\\bcodex\\b",
            "^[ \\t]*co-authored-by:.*\\bgemini\\b",
            "^[ \\t]*co-authored-by:.*\\bdevin\\b",
            "^[ \\t]*co-authored-by:.*\\baider\\b",
            "^[ \\t]*co-authored-by:.*\\bwindsurf\\b",
            "generated with \\[?claude code\\b");

    /** Logins (lower case) of the coding agents' bot accounts; README "AI bot accounts" says how sure each is. */
    public static final List<String> DEFAULT_AI_BOT_AUTHORS = List.of("copilot", "copilot-swe-agent[bot]",
            "chatgpt-codex-connector[bot]", "devin-ai-integration[bot]", "cursor[bot]", "claude[bot]",
            "google-labs-jules[bot]");

    public static GlobalSettings defaults() {
        return new GlobalSettings(new BigDecimal("3"), new BigDecimal("4"), new BigDecimal("20"),
                new BigDecimal("50"), new BigDecimal("4"), List.of("bug", "defect"), "ai-assisted", "incident",
                List.of("production", "prod"), DEFAULT_AI_COMMIT_PATTERNS, DEFAULT_AI_BOT_AUTHORS,
                List.of("hotfix"), new BigDecimal("19"), new BigDecimal("0.15"), List.of("docs", "triage", "testing"),
                DEFAULT_ROUTING_TARGET_MODEL, new BigDecimal("50"));
    }

    /** This with every non-null field of {@code u} applied. */
    public GlobalSettings merge(GlobalSettings u) {
        return new GlobalSettings(
                u.spikeFactor != null ? u.spikeFactor : spikeFactor,
                u.spikeMadFactor != null ? u.spikeMadFactor : spikeMadFactor,
                u.spikeFloorUsd != null ? u.spikeFloorUsd : spikeFloorUsd,
                u.sessionCostUsd != null ? u.sessionCostUsd : sessionCostUsd,
                u.sessionHours != null ? u.sessionHours : sessionHours,
                u.defectLabels != null ? u.defectLabels : defectLabels,
                u.aiAssistedLabel != null ? u.aiAssistedLabel : aiAssistedLabel,
                u.incidentLabel != null ? u.incidentLabel : incidentLabel,
                u.productionEnvironments != null ? u.productionEnvironments : productionEnvironments,
                u.aiCommitPatterns != null ? u.aiCommitPatterns : aiCommitPatterns,
                u.aiBotAuthors != null ? u.aiBotAuthors : aiBotAuthors,
                u.hotfixLabels != null ? u.hotfixLabels : hotfixLabels,
                u.copilotSeatUsdMonth != null ? u.copilotSeatUsdMonth : copilotSeatUsdMonth,
                u.reconcileDrift != null ? u.reconcileDrift : reconcileDrift,
                u.routineWorkflows != null ? u.routineWorkflows : routineWorkflows,
                u.routingTargetModel != null ? u.routingTargetModel : routingTargetModel,
                u.routingMinSavingsUsd != null ? u.routingMinSavingsUsd : routingMinSavingsUsd);
    }
}
