package dev.tokenwise.usage.otlp;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.usage.IngestLimits;
import dev.tokenwise.usage.UsageParser;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

/**
 * Picks the agent events Tokenwise uses out of an OTLP logs export (docs/contract.md §5.6) and hands each to its
 * {@link AgentEventRule}; every other record is accepted and ignored. Finds what all events share: the name (the
 * record's {@code event_name}, its {@code event.name} attribute, or its body; Claude Code sends the name unprefixed
 * in the attribute and prefixed in the body), the time, the tool, the labels and the record's identity. The body is
 * only ever compared with event names: a prompt or a response in it is never read further.
 */
@ApplicationScoped
public class OtlpLogMapper {

    record Mapped(List<LogItem> items, int rejected, List<String> reasons) {
    }

    private static final long EARLIEST_NANOS = OtlpMapper.nanos(IngestLimits.EARLIEST);
    private static final long END_NANOS = OtlpMapper.nanos(IngestLimits.END);
    private static final String CLAUDE_PREFIX = "claude_code.";

    private final Clock clock;

    public OtlpLogMapper(Clock clock) {
        this.clock = clock;
    }

    Mapped map(ExportLogsServiceRequest request) {
        List<LogItem> items = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int rejected = 0;
        long latest = OtlpMapper.nanos(clock.instant().plus(UsageParser.MAX_FUTURE));
        for (ResourceLogs rl : request.getResourceLogsList()) {
            List<KeyValue> resource = rl.getResource().getAttributesList();
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord rec : sl.getLogRecordsList()) {
                    Map<String, AnyValue> values = values(resource, rec.getAttributesList());
                    String name = name(rec, values, sl.getScope().getName());
                    AgentEventRule rule = name == null ? null : AgentEventRule.of(name);
                    if (rule == null) {
                        continue;
                    }
                    try {
                        LogItem item = rule.read(record(name, rec, values, latest));
                        if (item != null) {
                            items.add(item);
                        }
                    } catch (OtlpLogRecord.Rejected e) {
                        rejected++;
                        if (reasons.size() < 5 && !reasons.contains(e.getMessage())) {
                            reasons.add(e.getMessage());
                        }
                    }
                }
            }
        }
        return new Mapped(items, rejected, reasons);
    }

    private static OtlpLogRecord record(String name, LogRecord rec, Map<String, AnyValue> values, long latest)
            throws OtlpLogRecord.Rejected {
        long time = time(rec, values);
        if (time <= 0) {
            throw new OtlpLogRecord.Rejected(name + ": record without time_unix_nano");
        }
        if (time < EARLIEST_NANOS || time >= END_NANOS) {
            throw new OtlpLogRecord.Rejected(name + ": time_unix_nano " + IngestLimits.TIME_RANGE);
        }
        if (time > latest) {
            throw new OtlpLogRecord.Rejected(name + ": record more than 5 minutes in the future");
        }
        String service = OtlpLogRecord.text(values, "service.name");
        String problem = OtlpLabels.serviceProblem(service);
        if (problem != null) {
            throw new OtlpLogRecord.Rejected(name + ": " + problem);
        }
        String session = values.containsKey("session.id") ? OtlpLogRecord.text(values, "session.id")
                : OtlpLogRecord.text(values, "conversation.id");
        return new OtlpLogRecord(name, time, values, tool(name, service),
                OtlpLabels.read(key -> OtlpLogRecord.text(values, key), session));
    }

    /** The record's time, else the time it was observed, else its {@code event.timestamp} attribute; 0 if none. */
    private static long time(LogRecord rec, Map<String, AnyValue> values) {
        if (rec.getTimeUnixNano() != 0) {
            return rec.getTimeUnixNano();
        }
        if (rec.getObservedTimeUnixNano() != 0) {
            return rec.getObservedTimeUnixNano();
        }
        String stamp = OtlpLogRecord.text(values, "event.timestamp");
        if (stamp != null) {
            try {
                Instant t = Instant.parse(stamp);
                return IngestLimits.inRange(t) ? OtlpMapper.nanos(t) : -1;
            } catch (DateTimeParseException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * The event's name as the contract spells it, or null for a record that names no event we use. Claude Code's
     * attribute lacks the {@code claude_code.} prefix its body and the contract carry.
     */
    static String name(LogRecord rec, Map<String, AnyValue> values, String scope) {
        AnyValue attr = values.get("event.name");
        String body = rec.getBody().hasStringValue() ? rec.getBody().getStringValue() : null;
        String[] candidates = { rec.getEventName(), attr == null ? null : OtlpMapper.text(attr), body };
        for (String c : candidates) {
            if (c == null || c.isEmpty() || c.length() > 100) {
                continue;
            }
            if (AgentEventRule.of(c) != null) {
                return c;
            }
            if (AgentEventRule.of(CLAUDE_PREFIX + c) != null && claude(values, scope)) {
                return CLAUDE_PREFIX + c;
            }
        }
        return null;
    }

    private static boolean claude(Map<String, AnyValue> values, String scope) {
        AnyValue service = values.get("service.name");
        return scope.startsWith("com.anthropic.claude_code")
                || service != null && OtlpMapper.text(service).startsWith("claude-code");
    }

    /** The stored tool name, as the metrics of the same agent name it. */
    private static String tool(String name, String service) {
        String tool;
        if (name.startsWith(CLAUDE_PREFIX)) {
            tool = service != null && service.startsWith("claude-code") ? service : "claude-code";
        } else if (name.startsWith("codex.")) {
            tool = "codex";
        } else {
            tool = "gemini-cli";
        }
        tool = tool.toLowerCase(Locale.ROOT);
        return tool.length() > IngestLimits.TOOL ? tool.substring(0, IngestLimits.TOOL) : tool;
    }

    /** The record's attributes over its resource's (the record's win), in one map sized for both. */
    private static Map<String, AnyValue> values(List<KeyValue> resource, List<KeyValue> own) {
        Map<String, AnyValue> m = new HashMap<>((resource.size() + own.size()) * 4 / 3 + 1);
        for (KeyValue kv : resource) {
            m.put(kv.getKey(), kv.getValue());
        }
        for (KeyValue kv : own) {
            m.put(kv.getKey(), kv.getValue());
        }
        return m;
    }
}
