package dev.tokenwise.pulse;

import java.time.LocalDate;

/** A week's pulse questions for a team's channel; the Slack layer words them with their buttons. */
public record PulseInvite(String team, String channel, LocalDate weekStart) {
}
