package dev.tokenwise.usage.otlp;

import java.util.Map;

/** Claude Code's {@code claude_code.token.usage} and {@code claude_code.cost.usage}: input already excludes cache. */
final class ClaudeCodeMetric implements TokenMetric {

    static final String TOKENS = "claude_code.token.usage";
    static final String COST = "claude_code.cost.usage";

    @Override
    public boolean owns(String metric) {
        return TOKENS.equals(metric) || COST.equals(metric);
    }

    @Override
    public Type type(String metric, Map<String, String> all) {
        if (COST.equals(metric)) {
            return Type.of(OtlpSample.Kind.COST, null);
        }
        return Type.of(switch (all.getOrDefault("type", "")) {
            case "input" -> OtlpSample.Kind.INPUT;
            case "output" -> OtlpSample.Kind.OUTPUT;
            case "cacheRead" -> OtlpSample.Kind.CACHE_READ;
            case "cacheCreation" -> OtlpSample.Kind.CACHE_WRITE;
            default -> null;
        }, TOKENS + ": attribute type must be input, output, cacheRead or cacheCreation");
    }

    @Override
    public String model(Map<String, String> all) {
        return all.get("model");
    }

    @Override
    public String tool(String metric, String service) {
        return service != null && service.startsWith("claude-code") ? service : "claude-code";
    }
}
