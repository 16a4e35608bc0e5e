package dev.tokenwise.usage.otlp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.tokenwise.usage.IngestLimits;
import io.opentelemetry.proto.common.v1.AnyValue;

/**
 * One agent event as the log mapper hands it to its rule: the event's name, its time, and its attributes with the
 * resource's underneath (agents put identity on the record, on the resource, or both). Numbers are read the way
 * real exports send them: ints, doubles, and strings of either (Claude Code sends tool_result's numbers as strings
 * and, in JSON, ints as bare numbers).
 *
 * @param read its labels, or the problem with them (raised only when the record is used)
 */
record OtlpLogRecord(String name, long timeNanos, Map<String, AnyValue> values, String tool,
        OtlpLabels.Read read) {

    /** A record that is refused, with the reason given in {@code partial_success}. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * A hash of everything the record says (its name, its time and every attribute in key order): its key when the
     * agent gives no request id, so a retried export counts once. Computed when asked for, as most records have a
     * request id.
     */
    String identity() {
        Map<String, String> texts = new TreeMap<>();
        values.forEach((k, v) -> texts.put(k, OtlpMapper.text(v)));
        return OtlpMapper.sha256(name + "\u0000" + timeNanos + "\u0000" + texts);
    }

    Instant time() {
        return Instant.ofEpochSecond(0, timeNanos);
    }

    /** Team, repository, workflow, session and person; a problem with them refuses the record. */
    OtlpLabels labels() throws Rejected {
        if (read.problem() != null) {
            throw new Rejected(name + ": " + read.problem());
        }
        return read.labels();
    }

    /**
     * The idempotency key of the usage event the record becomes: by the request id the agent gives (Claude Code's
     * {@code request_id}), else by the record's identity.
     */
    String usageKey(String requestId) {
        String id = requestId == null || requestId.isBlank() ? "record=" + identity() : "request_id=" + requestId;
        return "otlp-log:" + OtlpMapper.sha256(name + "|" + id);
    }

    String text(String key) {
        return text(values, key);
    }

    /** A token count: absent is 0; a negative, fractional, non-numeric or absurd value refuses the record. */
    long count(String key) throws Rejected {
        AnyValue v = values.get(key);
        if (v == null) {
            return 0;
        }
        BigDecimal n = number(v);
        if (n == null || n.signum() < 0 || n.stripTrailingZeros().scale() > 0) {
            throw new Rejected(name + ": attribute " + key + " must be a whole number ≥ 0");
        }
        if (n.compareTo(BigDecimal.valueOf(IngestLimits.MAX_TOKENS)) > 0) {
            throw new Rejected(name + ": attribute " + key + " must be at most " + IngestLimits.MAX_TOKENS
                    + " (10^12 tokens)");
        }
        return n.longValueExact();
    }

    /** A cost in USD, or null when absent; a negative, non-numeric or absurd one refuses the record. */
    Double cost(String key) throws Rejected {
        return cost(key, 1);
    }

    /**
     * A cost given in millionths of a USD (Claude Code's {@code cost_usd_micros}), in USD, or null when absent; bounded
     * like any cost.
     */
    Double costMicros(String key) throws Rejected {
        return cost(key, 1_000_000);
    }

    private Double cost(String key, int perUsd) throws Rejected {
        AnyValue v = values.get(key);
        if (v == null) {
            return null;
        }
        BigDecimal n = number(v);
        if (n == null || n.signum() < 0) {
            throw new Rejected(name + ": attribute " + key + " must be a number ≥ 0");
        }
        BigDecimal usd = n.divide(BigDecimal.valueOf(perUsd));
        if (usd.compareTo(BigDecimal.valueOf(IngestLimits.MAX_COST_USD)) > 0) {
            throw new Rejected(name + ": attribute " + key + " must be at most "
                    + BigDecimal.valueOf(IngestLimits.MAX_COST_USD).multiply(BigDecimal.valueOf(perUsd))
                            .toBigInteger()
                    + " (10^6 USD)");
        }
        return usd.doubleValue();
    }

    /** An HTTP status, or null when absent or not a number (Claude Code sends "undefined" when it has none). */
    Integer status(String key) {
        AnyValue v = values.get(key);
        BigDecimal n = v == null ? null : number(v);
        if (n == null || n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(999)) > 0
                || n.signum() <= 0) {
            return null;
        }
        return n.intValue();
    }

    /** The model, trimmed; a missing or unstorable one refuses the record. */
    String model() throws Rejected {
        String model = text("model");
        if (model == null || model.isBlank()) {
            throw new Rejected(name + ": attribute model is required");
        }
        String problem = IngestLimits.lowerCasedProblem(model, IngestLimits.MODEL);
        if (problem != null) {
            throw new Rejected(name + ": attribute model " + problem);
        }
        return model.trim();
    }

    private static BigDecimal number(AnyValue v) {
        try {
            return switch (v.getValueCase()) {
                case INT_VALUE -> BigDecimal.valueOf(v.getIntValue());
                case DOUBLE_VALUE -> Double.isFinite(v.getDoubleValue()) ? BigDecimal.valueOf(v.getDoubleValue())
                        : null;
                case STRING_VALUE -> new BigDecimal(v.getStringValue().trim());
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An attribute's value as text, or null when absent: converted only when asked for (most never are). */
    static String text(Map<String, AnyValue> values, String key) {
        AnyValue v = values.get(key);
        return v == null ? null : OtlpMapper.text(v);
    }
}
