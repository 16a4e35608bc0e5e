package dev.tokenwise.common.error;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Turns a Jackson error into the one {@link Problem.Violation} a client can act on: the JSON path of the bad value
 * ({@code workflow_budgets_usd.coding}, {@code pull_request.labels[0].name}; {@code body} for the document itself)
 * and what it must be. Jackson's own messages are never shown: they name Java classes.
 */
final class JsonErrors {

    /** The field named when the error is about the document as a whole (wrong root type, trailing content). */
    static final String BODY = "body";

    private JsonErrors() {
    }

    static Problem.Violation violation(JsonProcessingException e) {
        return new Problem.Violation(null, field(e), message(e));
    }

    static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            if (!path.isEmpty()) {
                return path.toString();
            }
        }
        // A syntax error carries no path, but the parser still knows where it was.
        if (e instanceof StreamReadException r && r.getProcessor() != null) {
            String path = path(r.getProcessor().getParsingContext());
            if (path != null) {
                return path;
            }
        }
        return BODY;
    }

    static String message(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputCoercionException) {
                return "is out of range for this field";
            }
            if (t instanceof StreamConstraintsException) {
                return "exceeds the JSON size limits (number or string length, nesting depth)";
            }
            if (t instanceof DateTimeException) {
                // A number of epoch seconds beyond what a date can be, or a date that does not exist.
                return "is not a valid date or time";
            }
        }
        if (e instanceof MismatchedInputException m) {
            // Jackson's message for DeserializationFeature.FAIL_ON_TRAILING_TOKENS (see JsonCustomizer).
            if (m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("Trailing token")) {
                return "must be a single JSON value with nothing after it";
            }
            if (m.getTargetType() != null) {
                return expectation(m.getTargetType());
            }
        }
        if (e instanceof StreamReadException) {
            return "is not valid JSON";
        }
        if (e.getCause() instanceof StreamReadException) {
            return "is not valid JSON";
        }
        return "has the wrong type or format";
    }

    private static String expectation(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == LocalDate.class) {
            return "must be a date YYYY-MM-DD";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be a timestamp with an offset, such as 2026-01-31T09:00:00Z";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
            return "must be an object";
        }
        return "has the wrong type or format";
    }

    /** {@code a.b[2].c} for a parser context, null at the root. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
