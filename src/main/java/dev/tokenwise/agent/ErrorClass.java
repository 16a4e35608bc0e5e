package dev.tokenwise.agent;

import java.util.Locale;

/**
 * The classes agent errors are counted in (docs/contract.md §5.6, §7.6), from the HTTP status the agent saw, else
 * from the words of its error message (read once, never stored). Anthropic answers 529 when overloaded; a 503 says
 * the same for the other vendors.
 */
public enum ErrorClass {
    RATE_LIMIT,
    OVERLOADED,
    AUTH,
    SERVER,
    CLIENT,
    OTHER;

    /** The name used in JSON and messages: {@code rate_limit}, {@code overloaded}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorClass of(Integer status, String message) {
        if (status != null) {
            if (status == 429) {
                return RATE_LIMIT;
            }
            if (status == 529 || status == 503) {
                return OVERLOADED;
            }
            if (status == 401 || status == 403) {
                return AUTH;
            }
            if (status >= 500) {
                return SERVER;
            }
            if (status >= 400) {
                return CLIENT;
            }
        }
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("rate limit") || m.contains("rate_limit") || m.contains("too many requests")) {
            return RATE_LIMIT;
        }
        if (m.contains("overloaded")) {
            return OVERLOADED;
        }
        if (m.contains("unauthorized") || m.contains("authentication") || m.contains("api key")
                || m.contains("permission")) {
            return AUTH;
        }
        return OTHER;
    }

    public static ErrorClass parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
