package dev.tokenwise.usage.otlp;

import java.util.Set;

/**
 * {@code codex.sse_event} with {@code event.kind} = {@code response.completed}: the tokens of one model response.
 * OpenAI counts input including its cached part and output including reasoning, so stored input = input − cached,
 * and reasoning is the informational part of output (docs/contract.md §5.3). Priced by the table. Codex gives no
 * request id: the record is its own key.
 */
final class CodexResponseCompleted implements AgentEventRule {

    static final String NAME = "codex.sse_event";

    @Override
    public Set<String> names() {
        return Set.of(NAME);
    }

    @Override
    public LogItem read(OtlpLogRecord r) throws OtlpLogRecord.Rejected {
        if (!"response.completed".equals(r.text("event.kind"))) {
            return null;
        }
        String model = r.model();
        long input = r.count("input_token_count");
        long cached = Math.min(input, r.count("cached_token_count"));
        long output = r.count("output_token_count");
        long reasoning = Math.min(output, r.count("reasoning_token_count"));
        return new LogItem.Usage(r.usageKey(null), r.time(), r.labels(), r.tool(), model, input - cached, cached, 0,
                output, reasoning, null);
    }
}
