package dev.tokenwise.pulse;

import java.util.Arrays;
import java.util.Optional;

/** The two questions of the team pulse (docs/contract.md §9.9); the Slack layer words them. */
public enum PulseQuestion {
    /** How confident were you in the AI-assisted changes you reviewed or merged this week? */
    CONFIDENCE("confidence"),
    /** How heavy did review feel this week? */
    REVIEW_LOAD("review_load");

    private final String id;

    PulseQuestion(String id) {
        this.id = id;
    }

    /** The name in storage, JSON and action ids. */
    public String id() {
        return id;
    }

    public static Optional<PulseQuestion> parse(String id) {
        return Arrays.stream(values()).filter(q -> q.id.equals(id)).findFirst();
    }
}
