package dev.tokenwise.slack.command;

import jakarta.inject.Singleton;

import dev.tokenwise.digest.DigestService;
import dev.tokenwise.slack.render.DigestMessages;
import dev.tokenwise.slack.render.SlackMessage;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/** {@code /tokenwise digest [team]}: this week's digest so far, exactly as the channel would get it. */
@Singleton
public class DigestCommand extends TeamReportCommand {

    private final DigestService digests;

    DigestCommand(CommandArgs args, TeamService teams, DigestService digests) {
        super(args, teams);
        this.digests = digests;
    }

    @Override
    public String name() {
        return "digest";
    }

    @Override
    public String description() {
        return "this week's digest so far, as the channel would get it";
    }

    @Override
    protected SlackMessage report(TeamSettings team) {
        return DigestMessages.digest(digests.preview(team));
    }
}
