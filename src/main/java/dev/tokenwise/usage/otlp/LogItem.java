package dev.tokenwise.usage.otlp;

import java.time.Instant;

import dev.tokenwise.agent.ErrorClass;

/** What one used agent event becomes (docs/contract.md §5.6): usage, an agent error, activity, or a commit. */
sealed interface LogItem {

    OtlpLabels labels();

    String tool();

    Instant time();

    /** A usage event; tokens already in our terms (input without its cached part, reasoning inside output). */
    record Usage(String eventKey, Instant time, OtlpLabels labels, String tool, String model, long input, long cached,
            long cacheWrite, long output, long reasoning, Double costUsd) implements LogItem {
    }

    /** An agent error: its class and status only. */
    record Error(String key, Instant time, OtlpLabels labels, String tool, ErrorClass errorClass, Integer status)
            implements
                LogItem {
    }

    /**
     * A request that went well, of an agent whose usage arrives otherwise (Codex's api_request): only that its
     * session sent events, for the share of sessions with an error.
     */
    record Activity(Instant time, OtlpLabels labels, String tool) implements LogItem {
    }

    /** A commit the session made. */
    record Commit(Instant time, OtlpLabels labels, String tool, String sha) implements LogItem {
    }
}
