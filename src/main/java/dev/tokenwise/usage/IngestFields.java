package dev.tokenwise.usage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tokenwise.common.Workflow;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.team.TeamService;

/**
 * Typed access to the fields of one ingest item (a JSON object) that records a violation per bad field, and the
 * value rules every ingest shape shares (docs/contract.md §5.2): token counts, costs, RFC 3339 times, blank text.
 */
public final class IngestFields {
    private final int index;
    private final JsonNode node;
    private final List<Problem.Violation> errors;
    private final int before;
    private final Set<String> bad = new HashSet<>();

    public IngestFields(int index, JsonNode node, List<Problem.Violation> errors) {
        this.index = index;
        this.node = node;
        this.errors = errors;
        this.before = errors.size();
    }

    public void error(String field, String message) {
        bad.add(field);
        errors.add(new Problem.Violation(index, field, message));
    }

    public boolean ok(String field) {
        return !bad.contains(field);
    }

    public boolean valid() {
        return errors.size() == before;
    }

    private JsonNode get(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    public String string(String field, int max) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            error(field, "must be a string");
            return null;
        }
        String problem = IngestLimits.stringProblem(v.asText(), max);
        if (problem != null) {
            error(field, problem);
            return null;
        }
        return v.asText();
    }

    /** A string stored trimmed and in lower case (model, tool): its stored form must fit {@code max}. */
    public String lowerCased(String field, int max) {
        String s = string(field, max);
        String problem = s == null ? null : IngestLimits.lowerCasedProblem(s, max);
        if (problem != null) {
            error(field, problem);
            return null;
        }
        return s;
    }

    public Instant timestamp(String field, Instant latest) {
        JsonNode v = get(field);
        if (v == null) {
            error(field, "is required (RFC 3339, e.g. 2026-11-09T10:15:00Z)");
            return null;
        }
        if (!v.isTextual()) {
            error(field, "must be an RFC 3339 date-time string");
            return null;
        }
        Instant at = parseRfc3339(v.asText());
        if (at == null) {
            error(field, "must be an RFC 3339 date-time with offset, e.g. 2026-11-09T10:15:00Z");
            return null;
        }
        if (!IngestLimits.inRange(at)) {
            error(field, IngestLimits.TIME_RANGE);
            return null;
        }
        if (at.isAfter(latest)) {
            error(field, "must not be more than 5 minutes in the future");
            return null;
        }
        return at;
    }

    public String repo(String field) {
        String r = string(field, IngestLimits.REPO);
        if (r == null || r.isBlank()) {
            return null;
        }
        if (!TeamService.REPO.matcher(r.trim()).matches()) {
            error(field, "must be owner/name");
            return null;
        }
        return r.trim().toLowerCase(Locale.ROOT);
    }

    public String workflow(String field) {
        String w = string(field, 32);
        var parsed = Workflow.parse(w);
        if (parsed.isEmpty()) {
            error(field, "must be one of " + Workflow.NAMES);
            return Workflow.OTHER.id();
        }
        return parsed.get().id();
    }

    /** A token count: an integer from 0 to {@link IngestLimits#MAX_TOKENS}; 0 when absent. */
    public long count(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return 0;
        }
        String problem = countProblem(v);
        if (problem != null) {
            error(field, problem);
            return 0;
        }
        return v.asLong();
    }

    /** A cost in USD: a number from 0 to {@link IngestLimits#MAX_COST_USD}; null when absent. */
    public Double money(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        String problem = moneyProblem(v);
        if (problem != null) {
            error(field, problem);
            return null;
        }
        return v.asDouble() + 0.0; // + 0.0 turns -0.0 into 0.0
    }

    public Integer positiveInt(String field) {
        JsonNode v = get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            error(field, "must be a pull request number (an integer from 1 to " + Integer.MAX_VALUE + ")");
            return null;
        }
        return v.asInt();
    }

    /** Text with its surrounding blanks removed, or null when there is none. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Why a JSON value is not a token count, or null when it is one. */
    public static String countProblem(JsonNode v) {
        if (!v.isIntegralNumber()) {
            return "must be an integer";
        }
        if (v.bigIntegerValue().signum() < 0) {
            return "must be 0 or more";
        }
        if (!v.canConvertToLong() || v.asLong() > IngestLimits.MAX_TOKENS) {
            return "must be at most " + IngestLimits.MAX_TOKENS + " (10^12) per event";
        }
        return null;
    }

    /** Why a JSON value is not a cost in USD, or null when it is one. */
    public static String moneyProblem(JsonNode v) {
        if (!v.isNumber() || Double.isNaN(v.asDouble())) {
            return "must be a number";
        }
        if (v.asDouble() < 0) {
            return "must be 0 or more";
        }
        // Infinity (1e400 in the JSON) lands here too.
        if (!(v.asDouble() <= IngestLimits.MAX_COST_USD)) {
            return "must be at most 1000000 (10^6 USD) per event";
        }
        return null;
    }

    /** RFC 3339 date-time: offset required; 't', 'z' and a space separator are allowed as the RFC permits. */
    public static Instant parseRfc3339(String s) {
        String t = s.trim();
        if (t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 't')) {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        t = t.replace('z', 'Z');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
