package dev.tokenwise.alerts;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.team.TeamSettings;

/**
 * The last step of an alert: records it and, unless it is snoozed or the team has no channel, hands it to the
 * {@link AlertNotifier}, all in the caller's transaction. The {@code alert_event} key is the cooldown; the outbox
 * dedup key (the same string) is the final guard.
 */
@ApplicationScoped
class AlertRecorder {

    private static final Logger LOG = Logger.getLogger(AlertRecorder.class);

    private final AlertRepository store;
    private final AlertNotifier notifier;

    AlertRecorder(AlertRepository store, AlertNotifier notifier) {
        this.store = store;
        this.notifier = notifier;
    }

    /** Records the alerts in order and counts those queued per rule into {@code queued}. */
    void record(List<Alert> alerts, Set<String> snoozes, Map<String, Integer> queued) {
        for (Alert a : alerts) {
            if (record(a, snoozes)) {
                queued.merge(a.counter(), 1, Integer::sum);
            }
        }
    }

    /** True when queued. */
    boolean record(Alert a, Set<String> snoozes) {
        TeamSettings t = a.team();
        boolean snoozed = a.snoozeRule() != null && snoozes.contains(a.snoozeRule() + "|" + t.id() + "|" + a.subject());
        String channel = t.effectiveAlertChannel();
        String delivery = snoozed ? "snoozed" : channel == null ? "no-channel" : "queued";
        String summary = notifier.summary(a);
        if (!store.insertAlert(a.key(), a.rule(), t.id(), a.subject(), a.amountUsd(), a.baselineUsd(), summary,
                delivery)) {
            return false;
        }
        if (!"queued".equals(delivery)) {
            LOG.infof("Alert %s recorded but not posted: %s", a.key(),
                    snoozed ? "snoozed" : "the team has no channel configured");
            return false;
        }
        String value = a.snoozeRule() == null ? null : AlertSnoozeService.value(a.snoozeRule(), t.id(), a.subject());
        return notifier.post(a, channel, summary, value);
    }
}
