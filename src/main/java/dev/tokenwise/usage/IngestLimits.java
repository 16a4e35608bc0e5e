package dev.tokenwise.usage;

import java.time.Instant;
import java.util.Locale;

/**
 * The bounds every ingest source (usage events, LiteLLM, OTLP) applies to one event before anything is stored, so
 * that a value a client sent wrong is a 400 naming the field and never a database error (a 5xx a client would retry
 * forever), and so that no single event can push a team's sums towards overflow.
 * <p>
 * String sizes are the column sizes of {@code usage_event} and the rollups (db/migration V2); Java's
 * {@link String#length()} counts UTF-16 units, never fewer than the characters PostgreSQL and H2 count, so a value
 * that passes here fits.
 */
public final class IngestLimits {

    /** Tokens of one kind in one event: far above any real call, far below what sums of them can hold. */
    public static final long MAX_TOKENS = 1_000_000_000_000L;
    /** Cost of one event in USD. */
    public static final double MAX_COST_USD = 1_000_000d;
    /** Earliest event time accepted (inclusive). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** First instant after the latest event time accepted (2100-12-31T23:59:59.999999999Z is the last). */
    public static final Instant END = Instant.parse("2101-01-01T00:00:00Z");
    public static final String TIME_RANGE = "must be between 2000-01-01T00:00:00Z and 2100-12-31T23:59:59Z";

    // Column sizes (V2__usage.sql). An id becomes the event key "<source>:<id>" (VARCHAR(300)).
    public static final int ID = 200;
    public static final int TEAM = 64;
    public static final int REPO = 200;
    public static final int TOOL = 64;
    public static final int MODEL = 200;
    public static final int SESSION = 200;
    /** Never stored (only its pseudonym is); bounded so that a request cannot make us hash megabytes per event. */
    public static final int ACTOR = 500;

    private IngestLimits() {
    }

    /** Whether an instant lies in the accepted range of event times. */
    public static boolean inRange(Instant at) {
        return !at.isBefore(EARLIEST) && at.isBefore(END);
    }

    /**
     * Why a string cannot be stored, or null when it can: PostgreSQL text cannot hold NUL, and a value longer than
     * its column fails the insert.
     */
    public static String stringProblem(String value, int max) {
        if (value.indexOf('\u0000') >= 0) {
            return "must not contain a NUL character (\\u0000)";
        }
        if (value.length() > max) {
            return "must have at most " + max + " characters";
        }
        return null;
    }

    /**
     * Like {@link #stringProblem} for values stored trimmed and in lower case (model, tool): lower-casing can
     * lengthen a string (U+0130 becomes two characters), so the stored form is what is measured.
     */
    public static String lowerCasedProblem(String value, int max) {
        String problem = stringProblem(value, max);
        if (problem == null && value.trim().toLowerCase(Locale.ROOT).length() > max) {
            return "must have at most " + max + " characters once in lower case";
        }
        return problem;
    }
}
