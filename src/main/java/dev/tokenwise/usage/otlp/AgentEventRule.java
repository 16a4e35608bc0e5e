package dev.tokenwise.usage.otlp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One agent event that Tokenwise uses (docs/contract.md §5.6): which event names it owns and what a record of them
 * becomes. {@link OtlpLogMapper} finds the name, the time and the labels; everything else is accepted and ignored.
 */
interface AgentEventRule {

    List<AgentEventRule> ALL = List.of(new ClaudeApiRequest(), new ClaudeToolResult(), new AgentApiError(),
            new CodexResponseCompleted(), new GeminiApiResponse());

    /** The event names it owns, as the contract spells them. */
    Set<String> names();

    /** The item the record becomes, or null when this record of the event is not used. */
    LogItem read(OtlpLogRecord r) throws OtlpLogRecord.Rejected;

    /** Every rule by each of its names. */
    Map<String, AgentEventRule> BY_NAME = ALL.stream()
            .flatMap(rule -> rule.names().stream().map(name -> Map.entry(name, rule)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /** The rule of an event, or null for an event Tokenwise does not use. */
    static AgentEventRule of(String event) {
        return BY_NAME.get(event);
    }
}
