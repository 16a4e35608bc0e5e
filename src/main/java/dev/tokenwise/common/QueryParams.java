package dev.tokenwise.common;

import java.util.List;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/**
 * Query parameters read as strings and parsed here: JAX-RS answers a query parameter it cannot convert with a
 * bare 404, where a client needs a 400 naming the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** {@code value} as a whole number from {@code min} to {@code max}, else a 400 naming {@code name}. */
    public static int intIn(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value == null ? "" : value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range value.
        }
        throw ProblemException.badRequest(name + " must be a whole number from " + min + " to " + max + ".",
                List.of(new Problem.Violation(null, name, "must be a whole number from " + min + " to " + max)));
    }

    /** {@code value} as a whole number from {@code min} to {@code max}, else a 400 naming {@code name}. */
    public static long longIn(String name, String value, long min, long max) {
        try {
            long v = Long.parseLong(value == null ? "" : value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range value.
        }
        throw ProblemException.badRequest(name + " must be a whole number from " + min + " to " + max + ".",
                List.of(new Problem.Violation(null, name, "must be a whole number from " + min + " to " + max)));
    }
}
