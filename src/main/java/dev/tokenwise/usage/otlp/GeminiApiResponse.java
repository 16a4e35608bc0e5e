package dev.tokenwise.usage.otlp;

import java.util.Set;

import dev.tokenwise.common.Sums;

/**
 * {@code gemini_cli.api_response}: the tokens of one model response. Gemini counts input including its cached part
 * ({@code cached_content_token_count}); its thought tokens are billed as output and are the reasoning figure; tool
 * tokens are input (docs/contract.md §5.3). Priced by the table; the record is its own key.
 */
final class GeminiApiResponse implements AgentEventRule {

    static final String NAME = "gemini_cli.api_response";

    @Override
    public Set<String> names() {
        return Set.of(NAME);
    }

    @Override
    public LogItem read(OtlpLogRecord r) throws OtlpLogRecord.Rejected {
        String model = r.model();
        long input = r.count("input_token_count");
        long cached = Math.min(input, r.count("cached_content_token_count"));
        long thoughts = r.count("thoughts_token_count");
        long tool = r.count("tool_token_count");
        return new LogItem.Usage(r.usageKey(null), r.time(), r.labels(), r.tool(), model,
                Sums.add(input - cached, tool), cached, 0, Sums.add(r.count("output_token_count"), thoughts),
                thoughts, null);
    }
}
