package dev.tokenwise.usage.otlp;

import java.util.Map;

/**
 * Gemini CLI's {@code gemini_cli.token.usage} (docs/contract.md §5.3): input includes the cached part ({@code cache}),
 * so the two are paired; {@code thought} tokens are billed as output and are also the reasoning figure; {@code tool}
 * tokens are input.
 */
final class GeminiMetric implements TokenMetric {

    static final String TOKENS = "gemini_cli.token.usage";

    @Override
    public boolean owns(String metric) {
        return TOKENS.equals(metric);
    }

    @Override
    public Type type(String metric, Map<String, String> all) {
        return Type.of(switch (all.getOrDefault("type", "")) {
            case "input" -> OtlpSample.Kind.INPUT_WITH_CACHED;
            case "cache" -> OtlpSample.Kind.CACHED_OF_INPUT;
            case "output" -> OtlpSample.Kind.OUTPUT;
            case "thought" -> OtlpSample.Kind.THOUGHT;
            case "tool" -> OtlpSample.Kind.INPUT;
            default -> null;
        }, TOKENS + ": attribute type must be input, output, thought, cache or tool");
    }

    @Override
    public String model(Map<String, String> all) {
        return all.get("model");
    }

    @Override
    public String tool(String metric, String service) {
        return "gemini-cli";
    }

    @Override
    public String pairedBy() {
        return "type";
    }
}
