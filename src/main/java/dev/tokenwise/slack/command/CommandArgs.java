package dev.tokenwise.slack.command;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.slack.render.CommandMessages;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * Reads the usual {@code [team] [period]} arguments of a subcommand, in any order. The team defaults to the team
 * whose channel the command was typed in ({@link TeamSettings#channel()}); the period to {@code defaultPeriod}.
 * Anything it cannot use becomes a helpful {@link CommandAnswer} instead of an error: an unknown period lists the
 * periods, an unknown word lists the teams and recalls that Tokenwise answers about teams, never about a person.
 */
@ApplicationScoped
public class CommandArgs {

    /** Either {@code team} (and {@code period} when asked for) or a {@code problem} to answer instead. */
    public record Parsed(TeamSettings team, NamedPeriod period, CommandAnswer problem) {

        public boolean ok() {
            return problem == null;
        }
    }

    private final TeamService teams;
    private final Clock clock;

    public CommandArgs(TeamService teams, Clock clock) {
        this.teams = teams;
        this.clock = clock;
    }

    /**
     * @param usage the subcommand's usage, for the "bad syntax" answer
     * @param defaultPeriod one of {@link NamedPeriod#NAMES}, or null when the subcommand takes no period
     */
    public Parsed parse(CommandInput in, String usage, String defaultPeriod) {
        String teamArg = null;
        String periodArg = null;
        for (String arg : in.args()) {
            // A real period first, then a known team (team ids may contain digits), then guess from the shape.
            boolean periodLike = defaultPeriod != null
                    && (NamedPeriod.parse(arg, ZoneOffset.UTC, clock).isPresent()
                            || (teams.find(channelTeamSlug(arg)).isEmpty() && NamedPeriod.looksLikePeriod(arg)));
            if (periodLike && periodArg == null) {
                periodArg = arg;
            } else if (!periodLike && teamArg == null) {
                teamArg = arg;
            } else {
                return problem(CommandMessages.tooManyArguments(usage));
            }
        }
        TeamSettings team;
        if (teamArg != null) {
            Optional<TeamSettings> found = teams.find(channelTeamSlug(teamArg));
            if (found.isEmpty()) {
                return problem(CommandMessages.noSuchTeam(teamArg, knownTeams(), usage));
            }
            team = found.get();
        } else {
            Optional<TeamSettings> byChannel = teamOfChannel(in.channelId());
            if (byChannel.isEmpty()) {
                return problem(CommandMessages.noTeamChannel(usage, knownTeams()));
            }
            team = byChannel.get();
        }
        NamedPeriod period = null;
        if (defaultPeriod != null) {
            Optional<NamedPeriod> p = NamedPeriod.parse(periodArg != null ? periodArg : defaultPeriod, team.zone(),
                    clock);
            if (p.isEmpty()) {
                return problem(CommandMessages.unknownPeriod(periodArg, NamedPeriod.NAMES, usage));
            }
            period = p.get();
        }
        return new Parsed(team, period, null);
    }

    /** The team whose digest channel is {@code channelId}, if any. */
    public Optional<TeamSettings> teamOfChannel(String channelId) {
        if (channelId == null) {
            return Optional.empty();
        }
        return teams.all().stream().filter(t -> channelId.equals(t.channel())).findFirst()
                .or(() -> teams.all().stream().filter(t -> channelId.equals(t.alertChannel())).findFirst());
    }

    private String knownTeams() {
        return CommandMessages.knownTeams(teams.all().stream().map(TeamSettings::id).filter(Objects::nonNull)
                .toList());
    }

    /** A team may be named directly ({@code payments}) or by its channel ({@code <#C0123|payments>}). */
    private String channelTeamSlug(String arg) {
        if (arg.startsWith("<#") && arg.endsWith(">")) {
            String id = arg.substring(2, arg.length() - 1).split("\\|")[0];
            return teamOfChannel(id).map(TeamSettings::id).orElse(arg);
        }
        return arg.toLowerCase(Locale.ROOT);
    }

    private static Parsed problem(String text) {
        return new Parsed(null, null, CommandAnswer.text(text));
    }
}
