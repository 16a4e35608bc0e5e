package dev.tokenwise.sources;

import java.time.LocalDate;

/**
 * One pulled source (docs/contract.md §2.8). {@link SourceSync} decides which days to fetch and keeps the cursor;
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

    /**
     * Fetches the day and replaces what was stored for it.
     *
     * @return false when the upstream has not published the day yet (the cursor stays; the next run asks again)
     * @throws SourceFailure when the upstream failed or answered something unreadable
     */
    boolean sync(LocalDate day);
}
