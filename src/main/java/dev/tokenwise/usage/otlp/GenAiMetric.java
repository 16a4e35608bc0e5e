package dev.tokenwise.usage.otlp;

import java.util.Map;

/** The GenAI semantic-convention metric {@code gen_ai.client.token.usage}; the tool is the reporting service. */
final class GenAiMetric implements TokenMetric {

    static final String TOKENS = "gen_ai.client.token.usage";

    @Override
    public boolean owns(String metric) {
        return TOKENS.equals(metric);
    }

    @Override
    public Type type(String metric, Map<String, String> all) {
        return Type.of(switch (all.getOrDefault("gen_ai.token.type", "")) {
            case "input" -> OtlpSample.Kind.INPUT;
            case "output" -> OtlpSample.Kind.OUTPUT;
            default -> null;
        }, TOKENS + ": attribute gen_ai.token.type must be input or output");
    }

    @Override
    public String model(Map<String, String> all) {
        return all.getOrDefault("gen_ai.request.model", all.get("gen_ai.response.model"));
    }

    @Override
    public String tool(String metric, String service) {
        return service != null ? service : "otel";
    }
}
