package dev.tokenwise.slack;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.alerts.Alert;
import dev.tokenwise.alerts.AlertNotifier;
import dev.tokenwise.outbox.Outbox;
import dev.tokenwise.slack.render.AlertMessages;

/** Alerts into Slack: worded by {@link AlertMessages}, queued in the outbox (kind {@code alert}). */
@ApplicationScoped
public class SlackAlertNotifier implements AlertNotifier {

    private final Outbox outbox;

    public SlackAlertNotifier(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String summary(Alert alert) {
        return AlertMessages.summary(alert);
    }

    @Override
    public boolean post(Alert alert, String channel, String summary, String snoozeValue) {
        return outbox.enqueue(alert.key(), alert.team().id(), "alert",
                AlertMessages.alert(summary, snoozeValue).toChat(channel));
    }
}
