package dev.tokenwise.usage.otlp;

import java.util.List;

/**
 * One agent event that Tokenwise uses (docs/contract.md §5.6): which event names it owns and what a record of them
 * becomes. {@link OtlpLogMapper} finds the name, the time and the labels; everything else is accepted and ignored.
 */
interface AgentEventRule {

    List<AgentEventRule> ALL = List.of(new ClaudeApiRequest(), new ClaudeToolResult(), new AgentApiError(),
            new CodexResponseCompleted(), new GeminiApiResponse());

    boolean owns(String event);

    /** The item the record becomes, or null when this record of the event is not used. */
    LogItem read(OtlpLogRecord r) throws OtlpLogRecord.Rejected;

    static AgentEventRule of(String event) {
        for (AgentEventRule rule : ALL) {
            if (rule.owns(event)) {
                return rule;
            }
        }
        return null;
    }
}
