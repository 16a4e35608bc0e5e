package dev.tokenwise.gitlab;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's times (docs/contract.md §6.5): RFC 3339 ({@code 2013-12-03T17:23:34Z}, {@code 2012-01-03T23:36:29+02:00}),
 * its own {@code 2026-11-10 09:15:00 UTC}, and {@code 2021-04-28 21:50:00 +0200} (deployment hooks). All are read.
 */
final class GitLabTime {

    static final String MESSAGE = "must be a time like 2026-11-10 09:15:00 UTC, 2026-11-10 10:15:00 +0100 or "
            + "RFC 3339";

    private static final Pattern SPACED = Pattern
            .compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?) ?(UTC|Z|[+-]\\d{2}:?\\d{2})");

    private GitLabTime() {
    }

    /** The time, or null when absent; throws {@link DateTimeException} when it is in none of GitLab's forms. */
    static OffsetDateTime parse(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.length() > 40) {
            throw new DateTimeException("too long");
        }
        if (t.length() > 10 && t.charAt(10) == 'T') {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        Matcher m = SPACED.matcher(t);
        if (!m.matches()) {
            throw new DateTimeException("not a GitLab time");
        }
        String zone = m.group(3);
        ZoneOffset offset = "UTC".equals(zone) || "Z".equals(zone) ? ZoneOffset.UTC
                : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
        return LocalDateTime.parse(m.group(1) + "T" + m.group(2)).atOffset(offset);
    }
}
