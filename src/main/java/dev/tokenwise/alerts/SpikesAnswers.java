package dev.tokenwise.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * The answer to {@code /tokenwise spikes [team]} (docs/contract.md §9): the spend spikes and runaway sessions raised in the
 * last days, newest first, each with the context its alert gave (models, repositories, sessions, burn rate).
 * Snoozed alerts are listed too (they were real), marked as such.
 */
@ApplicationScoped
public class SpikesAnswers {

    private static final int MAX = 10;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    private final AlertStore store;
    private final TeamService teams;
    private final AlertsConfig config;
    private final Clock clock;

    public SpikesAnswers(AlertStore store, TeamService teams, AlertsConfig config, Clock clock) {
        this.store = store;
        this.teams = teams;
        this.config = config;
        this.clock = clock;
    }

    public ChatMessage answer(String teamId) {
        TeamSettings team = teamId == null ? null : teams.find(teamId).orElse(null);
        if (team == null) {
            return AlertMessages.answer(List.of("I don't know a team called `" + teamId + "`. An admin creates it with "
                    + "`PUT /api/admin/teams/" + teamId + "`."));
        }
        int days = config.recentDays();
        List<AlertStore.RaisedAlert> recent = store.recent(team.id(), List.of("spike", "runaway"),
                clock.instant().minus(Duration.ofDays(days)), MAX);
        List<String> paragraphs = new ArrayList<>();
        if (recent.isEmpty()) {
            paragraphs.add("*Spikes and runaway sessions of " + team.id() + "*: none in the last " + days
                    + " days. :relieved:");
            return AlertMessages.answer(paragraphs);
        }
        paragraphs.add("*Spikes and runaway sessions of " + team.id() + "* — last " + days + " days, newest first");
        for (AlertStore.RaisedAlert a : recent) {
            String when = WHEN.format(a.raisedAt().atZone(team.zone()));
            String flag = "snoozed".equals(a.delivery()) ? " _(snoozed, not posted)_" : "";
            paragraphs.add("_" + when + "_" + flag + "\n" + a.summary());
        }
        return AlertMessages.answer(paragraphs);
    }
}
