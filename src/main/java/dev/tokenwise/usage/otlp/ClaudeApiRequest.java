package dev.tokenwise.usage.otlp;

import java.util.Set;

/**
 * {@code claude_code.api_request}: one model request with its tokens and its exact cost. Claude Code's input already
 * excludes cache reads and writes. Keyed by {@code request_id}, which Anthropic gives every request, else by the
 * record itself.
 */
final class ClaudeApiRequest implements AgentEventRule {

    static final String NAME = "claude_code.api_request";

    @Override
    public Set<String> names() {
        return Set.of(NAME);
    }

    @Override
    public LogItem read(OtlpLogRecord r) throws OtlpLogRecord.Rejected {
        String model = r.model();
        Double cost = r.cost("cost_usd");
        if (cost == null) {
            cost = r.costMicros("cost_usd_micros");
        }
        return new LogItem.Usage(r.usageKey(r.text("request_id")), r.time(), r.labels(), r.tool(), model,
                r.count("input_tokens"), r.count("cache_read_tokens"), r.count("cache_creation_tokens"),
                r.count("output_tokens"), 0, cost);
    }
}
