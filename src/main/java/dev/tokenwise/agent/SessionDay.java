package dev.tokenwise.agent;

import java.time.LocalDate;

/**
 * A session that sent events on a local day of its team: the denominator of the share of sessions with an error.
 * {@code actor} is the pseudonym of who ran it (null when the agent names nobody), used only to count people.
 */
public record SessionDay(String teamId, LocalDate day, String tool, String sessionId, String actor) {
}
