package dev.tokenwise.settings;

import java.math.BigDecimal;
import java.util.List;

/**
 * Service-wide settings of docs/contract.md §10 with their defaults: the spike rule (factor × median, median + MAD
 * factor × MAD, floor), the runaway-session limits, and the labels and environments the delivery figures read.
 */
public record GlobalSettings(BigDecimal spikeFactor, BigDecimal spikeMadFactor, BigDecimal spikeFloorUsd,
        BigDecimal sessionCostUsd, BigDecimal sessionHours, List<String> defectLabels, String aiAssistedLabel,
        String incidentLabel, List<String> productionEnvironments) {

    public static GlobalSettings defaults() {
        return new GlobalSettings(new BigDecimal("3"), new BigDecimal("4"), new BigDecimal("20"),
                new BigDecimal("50"), new BigDecimal("4"), List.of("bug", "defect"), "ai-assisted", "incident",
                List.of("production", "prod"));
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
                u.productionEnvironments != null ? u.productionEnvironments : productionEnvironments);
    }
}
