package dev.tokenwise.sources;

import java.time.LocalDate;

/**
 * One pulled source (docs/contract.md §5.7). {@link SourceSync} decides which days to fetch and keeps the cursor;
 * a source fetches one UTC day and stores it in place of what it stored for that day before, in one transaction, so
 * a retry, a re-fetch or a second replica never counts a day twice.
 */
public interface PulledSource {

    /** The name in {@code GET /api/admin/sources} and {@code POST /api/admin/sources/{source}/sync}. */
    String name();

    /** True when its credentials are configured; a source that is off makes no call. */
    boolean enabled();

    /** The environment variables that switch it on, for the answer when it is off. */
    String needs();

    /** Told each day a source stored, in order, once committed: the cursor moves there. */
    @FunctionalInterface
    interface Progress {
        void stored(LocalDate day);
    }

    /**
     * Fetches the days from {@code from} through {@code to} (UTC days) in order and replaces what was stored for
     * each, telling {@code progress} after each. It stops early, without error, at the first day the upstream has
     * not published yet (the next run asks again).
     *
     * @throws SourceFailure when the upstream failed or answered something unreadable; the days already told stay
     */
    void sync(LocalDate from, LocalDate to, Progress progress);
}
