package dev.tokenwise.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit log of every admin change: who (token name or Slack user id), what, before, after, when.
 * {@link #record} is called in the change's transaction, so a change and its audit row commit together.
 */
@ApplicationScoped
public class AuditLog {

    /** One audit row as the API shows it. */
    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, JsonNode before,
            JsonNode after) {
    }

    private final AuditRepository entries;
    private final Clock clock;
    private final ObjectMapper mapper;

    public AuditLog(AuditRepository entries, Clock clock, ObjectMapper mapper) {
        this.entries = entries;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Records a change; call it inside the change's transaction. */
    public void record(String actor, String action, String target, Object before, Object after) {
        entries.insert(new AuditEntry(null, clock.instant(), actor, action, target, json(before), json(after)));
    }

    public List<Entry> newestFirst(int limit) {
        return entries.newestFirst(limit).stream()
                .map(e -> new Entry(e.id(), e.at().atOffset(ZoneOffset.UTC), e.actor(), e.action(), e.target(),
                        tree(e.beforeJson()), tree(e.afterJson())))
                .toList();
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise audit value", e);
        }
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
