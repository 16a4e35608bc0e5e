package dev.tokenwise.settings;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.Workflow;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.pricing.PriceBook;

/** Reads and changes {@link GlobalSettings}, kept as one JSON row; unset fields fall back to the defaults. */
@ApplicationScoped
public class SettingsService {

    private static final String NAME = "global";

    /*
     * Limits. The settings are stored as one JSON text of at most 60000 characters (setting.value_json, and the
     * audit's before/after), so the lists and names are bounded such that even the largest settings, every
     * character escaped, fit: keys and punctuation ~400, five numbers <= 5 x 13, two labels <= 2 x 103, 20 defect
     * labels <= 20 x 103, 10 environments <= 10 x 131, 50 patterns <= 50 x 403 (no control characters, so an
     * escape is 2 characters), 50 logins <= 50 x 131: at most 31,006. GitHub's own limits are 50 for a label,
     * 255 for an environment and 39 for a login (a bot's adds "[bot]").
     */
    static final int MAX_LABEL = 50;
    static final int MAX_LABELS = 20;
    static final int MAX_ENVIRONMENT = 64;
    static final int MAX_ENVIRONMENTS = 10;
    static final int MAX_PATTERN = 200;
    static final int MAX_PATTERNS = 50;
    static final int MAX_LOGIN = 64;
    static final int MAX_LOGINS = 50;
    static final BigDecimal MAX_FACTOR = new BigDecimal("100");
    static final BigDecimal MAX_USD = new BigDecimal("1000000000");
    /** A seat's monthly price: ten times Copilot Enterprise's list price is plenty. */
    static final BigDecimal MAX_SEAT_USD = new BigDecimal("1000");
    static final BigDecimal MAX_SESSION_HOURS = new BigDecimal("24");

    private final Db db;
    private final ObjectMapper mapper;
    private final AuditLog audit;
    private final Clock clock;
    private final PriceBook prices;

    public SettingsService(Db db, ObjectMapper mapper, AuditLog audit, Clock clock, PriceBook prices) {
        this.prices = prices;
        this.db = db;
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
    }

    public GlobalSettings current() {
        return db.one("SELECT value_json FROM setting WHERE name = ?", rs -> rs.getString(1), NAME)
                .map(json -> GlobalSettings.defaults().merge(read(json))).orElseGet(GlobalSettings::defaults);
    }

    public GlobalSettings update(GlobalSettings u, String actor) {
        return db.transaction(() -> {
            validate(u);
            GlobalSettings before = current();
            GlobalSettings after = before.merge(normalise(u));
            String json = write(after);
            int updated = db.update("UPDATE setting SET value_json = ?, updated_at = ? WHERE name = ?", json,
                    clock.instant(), NAME);
            if (updated == 0) {
                db.update("INSERT INTO setting (name, value_json, updated_at) VALUES (?, ?, ?)", NAME, json,
                        clock.instant());
            }
            audit.record(actor, "settings.update", "settings", before, after);
            return after;
        });
    }

    private GlobalSettings normalise(GlobalSettings u) {
        return new GlobalSettings(InputLimits.normalised(u.spikeFactor()),
                InputLimits.normalised(u.spikeMadFactor()), InputLimits.normalised(u.spikeFloorUsd()),
                InputLimits.normalised(u.sessionCostUsd()), InputLimits.normalised(u.sessionHours()),
                lower(u.defectLabels()), u.aiAssistedLabel() == null ? null
                        : u.aiAssistedLabel().trim().toLowerCase(Locale.ROOT),
                u.incidentLabel() == null ? null : u.incidentLabel().trim().toLowerCase(Locale.ROOT),
                lower(u.productionEnvironments()), u.aiCommitPatterns() == null ? null
                        : u.aiCommitPatterns().stream().distinct().toList(),
                lower(u.aiBotAuthors()), lower(u.hotfixLabels()), InputLimits.normalised(u.copilotSeatUsdMonth()),
                InputLimits.normalised(u.reconcileDrift()),
                u.routineWorkflows() == null ? null
                        : u.routineWorkflows().stream().map(w -> Workflow.parse(w).orElseThrow().id()).distinct()
                                .toList(),
                u.routingTargetModel() == null ? null : prices.resolve(u.routingTargetModel()),
                InputLimits.normalised(u.routingMinSavingsUsd()));
    }

    private static List<String> lower(List<String> values) {
        return values == null ? null : values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private void validate(GlobalSettings u) {
        List<Problem.Violation> errors = new ArrayList<>();
        InputLimits.decimal(errors, "spike_factor", u.spikeFactor(), BigDecimal.ZERO, true, MAX_FACTOR, 4);
        InputLimits.decimal(errors, "spike_mad_factor", u.spikeMadFactor(), BigDecimal.ZERO, true, MAX_FACTOR, 4);
        InputLimits.decimal(errors, "spike_floor_usd", u.spikeFloorUsd(), BigDecimal.ZERO, false, MAX_USD, 2);
        InputLimits.decimal(errors, "session_cost_usd", u.sessionCostUsd(), BigDecimal.ZERO, true, MAX_USD, 2);
        // Sessions are judged over 24 h.
        InputLimits.decimal(errors, "session_hours", u.sessionHours(), BigDecimal.ZERO, true, MAX_SESSION_HOURS, 4);
        InputLimits.decimal(errors, "copilot_seat_usd_month", u.copilotSeatUsdMonth(), BigDecimal.ZERO, false,
                MAX_SEAT_USD, 2);
        InputLimits.decimal(errors, "reconcile_drift", u.reconcileDrift(), BigDecimal.ZERO, true, MAX_FACTOR, 4);
        names(errors, "defect_labels", u.defectLabels(), MAX_LABELS, MAX_LABEL);
        names(errors, "hotfix_labels", u.hotfixLabels(), MAX_LABELS, MAX_LABEL);
        names(errors, "production_environments", u.productionEnvironments(), MAX_ENVIRONMENTS, MAX_ENVIRONMENT);
        AiPatterns.validate(errors, "ai_commit_patterns", u.aiCommitPatterns(), MAX_PATTERNS, MAX_PATTERN);
        if (u.aiBotAuthors() != null && !u.aiBotAuthors().isEmpty()) {
            // An empty list turns the bot detection off.
            names(errors, "ai_bot_authors", u.aiBotAuthors(), MAX_LOGINS, MAX_LOGIN);
        }
        if (u.routineWorkflows() != null) {
            // An empty list turns routing advice off.
            for (int i = 0; i < u.routineWorkflows().size(); i++) {
                String w = u.routineWorkflows().get(i);
                if (w == null || Workflow.parse(w).isEmpty()) {
                    errors.add(new Problem.Violation(null, "routine_workflows[" + i + "]",
                            "unknown workflow; use one of " + Workflow.NAMES));
                }
            }
        }
        if (u.routingTargetModel() != null && (InputLimits.hasControl(u.routingTargetModel())
                || prices.resolve(u.routingTargetModel()) == null)) {
            errors.add(new Problem.Violation(null, "routing_target_model",
                    "must be a model of the price table (GET /api/admin/prices)"));
        }
        InputLimits.decimal(errors, "routing_min_savings_usd", u.routingMinSavingsUsd(), BigDecimal.ZERO, false,
                MAX_USD, 2);
        if (u.aiAssistedLabel() != null) {
            InputLimits.name(errors, "ai_assisted_label", u.aiAssistedLabel(), MAX_LABEL);
        }
        if (u.incidentLabel() != null) {
            InputLimits.name(errors, "incident_label", u.incidentLabel(), MAX_LABEL);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The settings have " + errors.size() + " invalid field(s).", errors);
        }
    }

    /** A non-empty list of at most {@code maxItems} names; each bad element is named by its index. */
    private static void names(List<Problem.Violation> errors, String field, List<String> v, int maxItems,
            int maxLength) {
        if (v == null) {
            return;
        }
        if (v.isEmpty() || v.size() > maxItems) {
            errors.add(new Problem.Violation(null, field, "must list 1 to " + maxItems + " names"));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            InputLimits.name(errors, field + "[" + i + "]", v.get(i), maxLength);
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
