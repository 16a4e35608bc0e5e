package dev.tokenwise.usage.otlp;

import java.util.Map;

/**
 * OpenAI Codex's {@code codex.turn.token_usage} (docs/contract.md §5.3): a histogram per token type per turn. Its
 * input includes the cached part and its output includes reasoning, so input and cached input are paired and
 * reasoning is informational. {@code total} is ignored: it repeats the others. Codex's {@code service.name} varies
 * between builds, so the tool is always {@code codex}.
 */
final class CodexMetric implements TokenMetric {

    static final String TOKENS = "codex.turn.token_usage";

    @Override
    public boolean owns(String metric) {
        return TOKENS.equals(metric);
    }

    @Override
    public Type type(String metric, Map<String, String> all) {
        String t = all.getOrDefault("token_type", "");
        if (t.equals("total")) {
            return Type.IGNORED;
        }
        return Type.of(switch (t) {
            case "input" -> OtlpSample.Kind.INPUT_WITH_CACHED;
            case "cached_input" -> OtlpSample.Kind.CACHED_OF_INPUT;
            case "output" -> OtlpSample.Kind.OUTPUT;
            case "reasoning_output" -> OtlpSample.Kind.REASONING;
            case "cache_write_input" -> OtlpSample.Kind.CACHE_WRITE;
            default -> null;
        }, TOKENS + ": attribute token_type must be input, cached_input, output, reasoning_output, "
                + "cache_write_input or total");
    }

    @Override
    public String model(Map<String, String> all) {
        return all.get("model");
    }

    @Override
    public String tool(String metric, String service) {
        return "codex";
    }

    @Override
    public String session(Map<String, String> all) {
        return all.getOrDefault("session.id", all.get("conversation.id"));
    }

    @Override
    public String pairedBy() {
        return "token_type";
    }
}
