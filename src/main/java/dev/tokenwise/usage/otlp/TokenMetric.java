package dev.tokenwise.usage.otlp;

import java.util.List;
import java.util.Map;

/**
 * One agent's usage metrics (docs/contract.md §5.3): which metric names it owns and what a data point of them
 * counts, given the point's resource and point attributes merged. {@link OtlpMapper} does the checks common to all.
 */
interface TokenMetric {

    /** Every family the mapper knows, in the order it asks them. */
    List<TokenMetric> ALL = List.of(new ClaudeCodeMetric(), new GenAiMetric(), new CodexMetric(), new GeminiMetric());

    /** What a point counts: a kind to store, nothing (ignored, both null) or a reason to reject it. */
    record Type(OtlpSample.Kind kind, String problem) {

        static final Type IGNORED = new Type(null, null);

        static Type of(OtlpSample.Kind kind, String problem) {
            return kind == null ? new Type(null, problem) : new Type(kind, null);
        }
    }

    boolean owns(String metric);

    Type type(String metric, Map<String, String> all);

    String model(Map<String, String> all);

    /** The stored tool name, from the resource's {@code service.name} where the family allows it. */
    String tool(String metric, String service);

    default String session(Map<String, String> all) {
        return all.get("session.id");
    }

    /**
     * The point attribute that names the token type when the family counts input including its cached part
     * (docs/contract.md §5.3): points that differ only in it are combined per export before events are made. Null
     * when the family's figures are stored as they come.
     */
    default String pairedBy() {
        return null;
    }

    static TokenMetric of(String metric) {
        for (TokenMetric m : ALL) {
            if (m.owns(metric)) {
                return m;
            }
        }
        return null;
    }
}
