package dev.tokenwise.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** GitLab's time forms (docs/contract.md §6.5), each read to the same instant; anything else refused. */
class GitLabTimeTest {

    @Test
    void readsEveryFormGitLabWrites() {
        Instant t = Instant.parse("2026-11-10T09:15:00Z");
        assertEquals(t, GitLabTime.parse("2026-11-10 09:15:00 UTC").toInstant());
        assertEquals(t, GitLabTime.parse("2026-11-10T09:15:00Z").toInstant());
        assertEquals(t, GitLabTime.parse("2026-11-10T10:15:00+01:00").toInstant());
        assertEquals(t, GitLabTime.parse("2026-11-10 11:15:00 +0200").toInstant());
        assertEquals(t, GitLabTime.parse("2026-11-10 04:15:00 -05:00").toInstant());
        assertEquals(Instant.parse("2026-11-10T09:15:00.123Z"), GitLabTime.parse("2026-11-10T09:15:00.123Z")
                .toInstant());
        assertNull(GitLabTime.parse(null));
    }

    @Test
    void refusesOtherForms() {
        for (String bad : new String[] { "", "2026-11-10", "2026-11-10 09:15:00", "10/11/2026 09:15",
                "2026-13-10 09:15:00 UTC", "2026-11-10 09:15:00 CET", "2026-11-10T09:15:00" }) {
            assertThrows(DateTimeException.class, () -> GitLabTime.parse(bad), bad);
        }
    }
}
