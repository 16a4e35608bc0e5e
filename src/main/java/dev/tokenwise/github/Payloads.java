package dev.tokenwise.github;

import java.util.List;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/** What every handler checks of a payload before storing it. */
public final class Payloads {

    /** The title of a revert PR and the message of a revert commit start with this (GitHub's revert button). */
    static final String REVERT_PREFIX = "Revert \"";

    private Payloads() {
    }

    /** A 400 naming the field when the payload lacks what its event needs; nothing of the delivery is stored. */
    public static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw ProblemException.badRequest("The payload lacks what this event needs.",
                    List.of(new Problem.Violation(null, field, message)));
        }
    }

    public static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
