package dev.tokenwise.usage.otlp;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * {@code claude_code.tool_result} whose {@code tool_parameters} name a {@code git_commit_id}: a link from the session
 * to the commit it made (sent when the user sets {@code OTEL_LOG_TOOL_DETAILS=1}). The parameters arrive as a JSON
 * string or as a map; only that one field is read, with a streaming parser that never builds the rest (a command
 * line, a file path) into anything, and nothing else of the record is kept.
 */
final class ClaudeToolResult implements AgentEventRule {

    static final String NAME = "claude_code.tool_result";
    private static final String FIELD = "git_commit_id";
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public Set<String> names() {
        return Set.of(NAME);
    }

    @Override
    public LogItem read(OtlpLogRecord r) throws OtlpLogRecord.Rejected {
        String sha = commitOf(r.values().get("tool_parameters"));
        if (sha == null || !SHA.matcher(sha).matches()) {
            return null;
        }
        OtlpLabels labels = r.labels();
        if (labels.session() == null) {
            return null; // a commit of no known session links nothing
        }
        return new LogItem.Commit(r.time(), labels, r.tool(), sha.toLowerCase(Locale.ROOT));
    }

    static String commitOf(AnyValue parameters) {
        if (parameters == null) {
            return null;
        }
        return switch (parameters.getValueCase()) {
            case KVLIST_VALUE -> parameters.getKvlistValue().getValuesList().stream()
                    .filter(kv -> FIELD.equals(kv.getKey())).map(KeyValue::getValue)
                    .filter(AnyValue::hasStringValue).map(AnyValue::getStringValue).findFirst().orElse(null);
            case STRING_VALUE -> fromJson(parameters.getStringValue());
            default -> null;
        };
    }

    /** The top-level {@code git_commit_id} string of a JSON object, or null. */
    private static String fromJson(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (FIELD.equals(name) && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
