package dev.tokenwise.team;

/**
 * CDI event fired inside the transaction that creates, updates or deletes a team. Observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to react only once the change is committed.
 */
public record TeamChanged(String teamId, boolean deleted) {
}
