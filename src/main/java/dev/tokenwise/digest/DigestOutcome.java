package dev.tokenwise.digest;

import java.time.LocalDate;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happened when a team's digest for a week was asked for (by the schedule or the admin API).
 *
 * @param status {@link Status#QUEUED}, {@link Status#ALREADY_QUEUED} or {@link Status#NO_CHANNEL}
 * @param outboxStatus the outbox row's delivery state ({@code pending}, {@code sent}, ...), null when none
 * @param weekStart first day of the week (Monday), {@code weekEnd} the Monday after (exclusive)
 */
public record DigestOutcome(String team, LocalDate weekStart, LocalDate weekEnd, Status status, String dedupKey,
        String outboxStatus, String message) {

    public enum Status {
        /** Written to the outbox now; the sender posts it. */
        QUEUED,
        /** This week's digest was queued before (by the schedule, another replica or an earlier call): nothing new. */
        ALREADY_QUEUED,
        /** The team has no channel, so it gets no digest. */
        NO_CHANNEL;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
