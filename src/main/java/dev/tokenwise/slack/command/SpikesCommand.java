package dev.tokenwise.slack.command;

import jakarta.inject.Singleton;

import dev.tokenwise.alerts.RecentAlertsService;
import dev.tokenwise.slack.render.SlackMessage;
import dev.tokenwise.slack.render.SpikesMessages;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/** {@code /tokenwise spikes [team]}: recent spend spikes and runaway sessions with their context (never a person). */
@Singleton
public class SpikesCommand extends TeamReportCommand {

    private final RecentAlertsService recent;

    SpikesCommand(CommandArgs args, TeamService teams, RecentAlertsService recent) {
        super(args, teams);
        this.recent = recent;
    }

    @Override
    public String name() {
        return "spikes";
    }

    @Override
    public String description() {
        return "recent spend spikes and runaway agent sessions, with what drove them";
    }

    @Override
    protected SlackMessage report(TeamSettings team) {
        return SpikesMessages.recent(recent.recent(team));
    }
}
