package dev.tokenwise.slack.setup;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.slack.command.ActionInput;
import dev.tokenwise.slack.command.ActionReply;
import dev.tokenwise.slack.command.SlackActionHandler;
import dev.tokenwise.slack.render.SetupMessages;

/**
 * The "Set up" buttons: the onboarding message's (value empty: the team of the channel it sits in) and the App
 * Home's (value: a team id). Opens the set-up form for admins; anyone else is told who can.
 * <p>
 * Note: the form opens before the click is acknowledged (the trigger id is valid for 3 seconds from the click, and
 * the admin check is cached), so no worker hand-off is needed here.
 */
@ApplicationScoped
public class SetUpTeamAction implements SlackActionHandler {

    private static final Pattern ID = Pattern.compile(Pattern.quote(SetupMessages.SET_UP_ACTION));

    private final TeamSetupOpener opener;

    public SetUpTeamAction(TeamSetupOpener opener) {
        this.opener = opener;
    }

    @Override
    public Pattern actionIdPattern() {
        return ID;
    }

    @Override
    public ActionReply handle(ActionInput in) {
        String instead = opener.open(in.userId(), in.value(), in.channelId(), in.channelName(), in.triggerId());
        return instead == null ? ActionReply.none() : ActionReply.ephemeral(instead);
    }
}
