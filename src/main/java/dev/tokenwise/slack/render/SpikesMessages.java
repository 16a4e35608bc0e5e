package dev.tokenwise.slack.render;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tokenwise.alerts.AlertRepository;
import dev.tokenwise.alerts.RecentAlertsService.RecentAlerts;

/**
 * The answer to {@code /tokenwise spikes [team]} (docs/contract.md §9): the team's recent spikes and runaway
 * sessions, newest first, each with the words of its alert; snoozed ones are marked as such.
 */
public final class SpikesMessages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    private SpikesMessages() {
    }

    public static SlackMessage recent(RecentAlerts r) {
        String team = r.team().id();
        List<String> paragraphs = new ArrayList<>();
        if (r.alerts().isEmpty()) {
            paragraphs.add("*Spikes and runaway sessions of " + team + "*: none in the last " + r.days()
                    + " days. :relieved:");
            return CommandMessages.paragraphs(paragraphs);
        }
        paragraphs.add("*Spikes and runaway sessions of " + team + "* — last " + r.days() + " days, newest first");
        for (AlertRepository.RaisedAlert a : r.alerts()) {
            String when = WHEN.format(a.raisedAt().atZone(r.team().zone()));
            String flag = "snoozed".equals(a.delivery()) ? " _(snoozed, not posted)_" : "";
            paragraphs.add("_" + when + "_" + flag + "\n" + a.summary());
        }
        return CommandMessages.paragraphs(paragraphs);
    }
}
