package dev.tokenwise.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The workload classes of docs/contract.md §5.2. Stored and shown in lower case. */
public enum Workflow {
    CODING,
    TESTING,
    MIGRATION,
    REVIEW,
    DOCS,
    TRIAGE,
    OTHER;

    public static final List<String> NAMES = Arrays.stream(values()).map(Workflow::id).toList();

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a workflow name; blank means {@link #OTHER}, an unknown name is empty (the caller reports it). */
    public static Optional<Workflow> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(OTHER);
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
