package dev.tokenwise.slack.command;

import java.util.Optional;

import dev.tokenwise.slack.render.CommandMessages;
import dev.tokenwise.slack.render.SlackMessage;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * The shape of {@code /tokenwise <name> [team]}: a report about one team (named, or the team of the channel),
 * shareable in the channel. A subclass gives its name, usage and description and renders the report of a team.
 */
abstract class TeamReportCommand implements TokenwiseSubcommand {

    private final CommandArgs args;
    private final TeamService teams;

    TeamReportCommand(CommandArgs args, TeamService teams) {
        this.args = args;
        this.teams = teams;
    }

    /** The report of a configured team. */
    protected abstract SlackMessage report(TeamSettings team);

    @Override
    public String usage() {
        return name() + " [team]";
    }

    @Override
    public CommandAnswer answer(CommandInput in) {
        CommandArgs.Parsed p = args.parse(in, usage(), null);
        if (!p.ok()) {
            return p.problem();
        }
        return CommandAnswer.of(report(p.team()), p.team().id(), p.team().id());
    }

    /** The report of a team by id; an unknown team gets a plain explanation instead of an error. */
    public SlackMessage report(String teamId) {
        Optional<TeamSettings> team = teamId == null ? Optional.empty() : teams.find(teamId);
        return team.map(this::report).orElseGet(() -> CommandMessages.plain(CommandMessages.unknownTeam(teamId)));
    }
}
