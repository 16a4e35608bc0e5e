package dev.tokenwise.settings;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/** Reads and changes {@link GlobalSettings}, kept as one JSON row; unset fields fall back to the defaults. */
@ApplicationScoped
public class SettingsService {

    private static final String NAME = "global";

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final AuditLog audit;
    private final Clock clock;

    public SettingsService(EntityManager em, ObjectMapper mapper, AuditLog audit, Clock clock) {
        this.em = em;
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GlobalSettings current() {
        Object json = em.createNativeQuery("SELECT value_json FROM setting WHERE name = ?1")
                .setParameter(1, NAME).getResultStream().findFirst().orElse(null);
        return json == null ? GlobalSettings.defaults() : GlobalSettings.defaults().merge(read(json.toString()));
    }

    @Transactional
    public GlobalSettings update(GlobalSettings u, String actor) {
        validate(u);
        GlobalSettings before = current();
        GlobalSettings after = before.merge(normalise(u));
        String json = write(after);
        int updated = em.createNativeQuery("UPDATE setting SET value_json = ?1, updated_at = ?2 WHERE name = ?3")
                .setParameter(1, json).setParameter(2, OffsetDateTime.now(clock)).setParameter(3, NAME).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO setting (name, value_json, updated_at) VALUES (?1, ?2, ?3)")
                    .setParameter(1, NAME).setParameter(2, json).setParameter(3, OffsetDateTime.now(clock))
                    .executeUpdate();
        }
        audit.record(actor, "settings.update", "settings", before, after);
        return after;
    }

    private static GlobalSettings normalise(GlobalSettings u) {
        return new GlobalSettings(u.spikeFactor(), u.spikeMadFactor(), u.spikeFloorUsd(), u.sessionCostUsd(),
                u.sessionHours(), lower(u.defectLabels()), u.aiAssistedLabel() == null ? null
                        : u.aiAssistedLabel().trim().toLowerCase(Locale.ROOT),
                u.incidentLabel() == null ? null : u.incidentLabel().trim().toLowerCase(Locale.ROOT),
                lower(u.productionEnvironments()));
    }

    private static List<String> lower(List<String> values) {
        return values == null ? null : values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static void validate(GlobalSettings u) {
        List<Problem.Violation> errors = new ArrayList<>();
        positive(errors, "spike_factor", u.spikeFactor());
        positive(errors, "spike_mad_factor", u.spikeMadFactor());
        nonNegative(errors, "spike_floor_usd", u.spikeFloorUsd());
        positive(errors, "session_cost_usd", u.sessionCostUsd());
        positive(errors, "session_hours", u.sessionHours());
        if (u.sessionHours() != null && u.sessionHours().compareTo(new BigDecimal("24")) > 0) {
            errors.add(new Problem.Violation(null, "session_hours", "must be at most 24 (sessions are judged over 24 h)"));
        }
        labels(errors, "defect_labels", u.defectLabels());
        labels(errors, "production_environments", u.productionEnvironments());
        if (u.aiAssistedLabel() != null && u.aiAssistedLabel().isBlank()) {
            errors.add(new Problem.Violation(null, "ai_assisted_label", "must not be blank"));
        }
        if (u.incidentLabel() != null && u.incidentLabel().isBlank()) {
            errors.add(new Problem.Violation(null, "incident_label", "must not be blank"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The settings have " + errors.size() + " invalid field(s).", errors);
        }
    }

    private static void positive(List<Problem.Violation> errors, String field, BigDecimal v) {
        if (v != null && v.signum() <= 0) {
            errors.add(new Problem.Violation(null, field, "must be greater than 0"));
        }
    }

    private static void nonNegative(List<Problem.Violation> errors, String field, BigDecimal v) {
        if (v != null && v.signum() < 0) {
            errors.add(new Problem.Violation(null, field, "must be 0 or more"));
        }
    }

    private static void labels(List<Problem.Violation> errors, String field, List<String> v) {
        if (v != null && (v.isEmpty() || v.stream().anyMatch(s -> s == null || s.isBlank()))) {
            errors.add(new Problem.Violation(null, field, "must be a non-empty list of non-blank names"));
        }
    }

    private GlobalSettings read(String json) {
        try {
            return mapper.readValue(json, GlobalSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored settings are not readable", e);
        }
    }

    private String write(GlobalSettings s) {
        try {
            return mapper.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
