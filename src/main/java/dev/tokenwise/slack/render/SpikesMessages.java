package dev.tokenwise.slack.render;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tokenwise.alerts.AlertRepository;
import dev.tokenwise.alerts.RecentAlertsService.RecentAlerts;

/**
 * The answer to {@code /tokenwise spikes [team]} (docs/contract.md §9): the team's recent spikes and runaway
 * sessions, newest first, each with the words of its alert; snoozed ones are marked as such. Then the agents'
 * errors of those days, when agents sent events.
 */
public final class SpikesMessages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    private SpikesMessages() {
    }

    public static SlackMessage recent(RecentAlerts r) {
        String team = r.team().id();
        List<String> paragraphs = new ArrayList<>();
        String agents = AgentErrorMessages.line(r.agentErrors());
        if (r.alerts().isEmpty()) {
            paragraphs.add("*Spikes and runaway sessions of " + team + "*: none in the last " + r.days()
                    + " days. :relieved:");
            addAgents(paragraphs, agents, r.days());
            return CommandMessages.paragraphs(paragraphs);
        }
        paragraphs.add("*Spikes and runaway sessions of " + team + "* — last " + r.days() + " days, newest first");
        for (AlertRepository.RaisedAlert a : r.alerts()) {
            String when = WHEN.format(a.raisedAt().atZone(r.team().zone()));
            String flag = "snoozed".equals(a.delivery()) ? " _(snoozed, not posted)_" : "";
            paragraphs.add("_" + when + "_" + flag + "\n" + a.summary());
        }
        addAgents(paragraphs, agents, r.days());
        return CommandMessages.paragraphs(paragraphs);
    }

    private static void addAgents(List<String> paragraphs, String agents, int days) {
        if (agents != null) {
            paragraphs.add("*Agent reliability* — last " + days + " days\n" + agents);
        }
    }
}
