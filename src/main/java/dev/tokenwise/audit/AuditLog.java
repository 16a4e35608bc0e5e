package dev.tokenwise.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/**
 * The audit log of every admin change: who (token name or Slack user id), what, before, after, when.
 * {@link #record} joins the caller's transaction, so a change and its audit row commit together.
 */
@ApplicationScoped
public class AuditLog implements PanacheRepository<AuditEntry> {

    /** One audit row as the API shows it. */
    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, JsonNode before,
            JsonNode after) {
    }

    private final Clock clock;
    private final ObjectMapper mapper;

    public AuditLog(Clock clock, ObjectMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String target, Object before, Object after) {
        AuditEntry e = new AuditEntry();
        e.at = OffsetDateTime.now(clock);
        e.actor = actor;
        e.action = action;
        e.target = target;
        e.beforeJson = json(before);
        e.afterJson = json(after);
        persist(e);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Entry> newestFirst(int limit) {
        return find("order by id desc").page(0, limit).list().stream()
                .map(e -> new Entry(e.id, e.at, e.actor, e.action, e.target, tree(e.beforeJson), tree(e.afterJson)))
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
