package dev.tokenwise.slack.setup;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.slack.command.CommandArgs;
import dev.tokenwise.slack.render.SetupMessages;
import dev.tokenwise.slack.render.TeamSetupView;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * Opens a team's set-up form for an admin (from {@code /tokenwise admin [team]}, the onboarding button and the App
 * Home's buttons), prefilled with the team's current values; for a team that does not exist yet, with the defaults,
 * an id suggested by the channel's name and that channel as its digest channel. Anyone else is told who can.
 */
@ApplicationScoped
public class TeamSetupOpener {

    private final SlackAdmins admins;
    private final SlackCalls slack;
    private final TeamService teams;
    private final CommandArgs channels;

    public TeamSetupOpener(SlackAdmins admins, SlackCalls slack, TeamService teams, CommandArgs channels) {
        this.admins = admins;
        this.slack = slack;
        this.teams = teams;
        this.channels = channels;
    }

    /**
     * @param teamArg the team asked for, or null/blank for the team of {@code channelId}
     * @param channelId where the user is (null from the App Home)
     * @param channelName that channel's name, for the suggested id of a new team (may be null)
     * @return null when the form opened; otherwise what to tell the user instead
     */
    public String open(String userId, String teamArg, String channelId, String channelName, String triggerId) {
        if (!admins.isAdmin(userId)) {
            return SetupMessages.notAdmin(admins.listed());
        }
        TeamSettings team;
        boolean isNew;
        if (teamArg != null && !teamArg.isBlank()) {
            String id = teamArg.trim();
            if (!TeamService.isSlug(id)) {
                return SetupMessages.notATeamId(id);
            }
            Optional<TeamSettings> found = teams.find(id);
            isNew = found.isEmpty();
            team = found.orElseGet(() -> fresh(id, channelId));
        } else {
            Optional<TeamSettings> found = channels.teamOfChannel(channelId);
            isNew = found.isEmpty();
            team = found.orElseGet(() -> fresh(suggestedId(channelName), channelId));
        }
        SetupTarget target = new SetupTarget(team.id(), isNew, channelId,
                String.join("\n", team.repos()).length() <= TeamSetupView.REPOS_MAX_CHARS);
        return slack.openView(triggerId, TeamSetupView.modal(team, isNew, target.encode()))
                .map(SetupMessages::couldNotOpen).orElse(null);
    }

    /** A new team's defaults, with the channel it is set up from as its digest channel (not a DM). */
    private static TeamSettings fresh(String id, String channelId) {
        TeamSettings d = TeamSettings.defaults(id);
        String channel = channelId != null && !channelId.startsWith("D") ? channelId : null;
        return new TeamSettings(d.id(), channel, null, d.timezone(), d.digestDay(), d.digestTime(), d.workingHours(),
                null, d.workflowBudgetsUsd(), d.minContributors(), d.pulse(), d.pulseDay(), d.pulseTime(), d.repos(),
                d.githubTeams(),
                d.anthropicWorkspaces(), d.openaiProjects());
    }

    /** A slug from a channel name: {@code #Team-Payments_API} → {@code team-payments-api}; empty when none. */
    static String suggestedId(String channelName) {
        if (channelName == null || channelName.equals("directmessage") || channelName.equals("privategroup")) {
            return "";
        }
        // Accents go (équipe → equipe), then every run of anything but a-z and 0-9 becomes one '-'.
        String plain = Normalizer.normalize(channelName, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
    }
}
