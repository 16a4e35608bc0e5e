package dev.tokenwise.alerts;

import dev.tokenwise.team.TeamSettings;

/**
 * An alert a rule decided to raise: how it is recorded (the key is the cooldown and the outbox dedup key) and
 * what was found, in figures. The words are the Slack layer's ({@link AlertNotifier#summary}).
 *
 * @param rule the stored rule ({@code alert_event.alert_rule})
 * @param snoozeRule the snooze that silences it ({@code budget}, {@code spike}, {@code runaway}), or null
 * @param subject {@code *} (the team envelope), a workflow or a session id
 */
public record Alert(String key, String rule, String snoozeRule, TeamSettings team, String subject, Double amountUsd,
        Double baselineUsd, AlertFinding finding) {

    /** The name under which {@link AlertRun.Result#queued()} counts it. */
    String counter() {
        return finding.counter();
    }
}
