package dev.tokenwise.slack;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.MemberJoinedChannelEvent;

import dev.tokenwise.slack.command.SlackActionHandler;
import dev.tokenwise.slack.command.TokenwiseCommandListener;
import dev.tokenwise.slack.render.TeamSetupView;
import dev.tokenwise.slack.setup.OnboardingListener;
import dev.tokenwise.slack.setup.TeamSetupSubmission;
import io.quarkus.arc.All;

/**
 * The Bolt {@link App}, one per process. Its middleware list is ours instead of Bolt's default:
 * <ul>
 * <li>no {@code RequestVerification}: {@link SlackEventsResource} verifies signatures itself, before Bolt sees the
 * request, in constant time and with a replay window in both directions (Socket Mode needs no signature);</li>
 * <li>no {@code SingleTeamAuthorization} (it calls {@code auth.test} on the first request):
 * {@link StaticBotToken}.</li>
 * </ul>
 * Listeners are registered here, in one place: the {@code /tokenwise} dispatcher, every {@link SlackActionHandler}
 * bean (block actions), the App Home listener, the onboarding listener ({@code member_joined_channel}) and the
 * set-up form's submission.
 */
public class SlackAppProducer {

    /** The slash command, as registered in manifest.yaml. */
    public static final String COMMAND = "/tokenwise";

    private static final Logger LOG = Logger.getLogger(SlackAppProducer.class);

    @Produces
    @Singleton
    App slackApp(SlackSettings settings, Slack slack, TokenwiseCommandListener commands,
            @All List<SlackActionHandler> actions, AppHomeListener home, TeamSetupSubmission setup,
            OnboardingListener onboarding) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .signingSecret(settings.signingSecret().orElse(null))
                .requestVerificationEnabled(false)
                .build();
        List<Middleware> middleware = new ArrayList<>();
        middleware.add(new SSLCheck(null));
        middleware.add(new StaticBotToken(settings.botToken().filter(t -> !t.isBlank()).orElse(null)));
        App app = new App(config, slack, middleware);
        app.asOAuthApp(false);
        app.command(COMMAND, commands::handle);
        for (SlackActionHandler handler : actions) {
            app.blockAction(handler.actionIdPattern(), (req, ctx) -> commands.handleAction(handler, req, ctx));
            LOG.debugf("Slack block action %s -> %s", handler.actionIdPattern(), handler.getClass().getSimpleName());
        }
        app.event(AppHomeOpenedEvent.class, home::handle);
        app.event(MemberJoinedChannelEvent.class, onboarding::handle);
        app.viewSubmission(TeamSetupView.CALLBACK_ID, setup::handle);
        return app;
    }
}
