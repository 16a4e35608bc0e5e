package dev.tokenwise.agent;

import java.time.LocalDate;

/** A session that sent events on a local day of its team: the denominator of the share of sessions with an error. */
public record SessionDay(String teamId, LocalDate day, String tool, String sessionId) {
}
