package dev.tokenwise.slack;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;

import dev.tokenwise.slack.command.TokenwiseCommandListener;
import dev.tokenwise.slack.render.HomeView;
import dev.tokenwise.slack.setup.HomeTeams;
import dev.tokenwise.slack.setup.SlackCalls;

/**
 * {@code app_home_opened}: publishes the viewer's Home tab (docs/contract.md §4.1): the teams they can see with this
 * week so far, budget and open alerts, "Set up" buttons for admins, the commands and the team-level policy. The
 * event is acknowledged at once; the figures are computed and views.publish runs afterwards, on a worker, and only
 * when a bot token is configured.
 */
@Singleton
public class AppHomeListener {

    private static final Logger LOG = Logger.getLogger(AppHomeListener.class);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "slack-home");
        t.setDaemon(true);
        return t;
    });
    private final TokenwiseCommandListener commands;
    private final HomeTeams homes;
    private final SlackCalls slack;

    public AppHomeListener(TokenwiseCommandListener commands, HomeTeams homes, SlackCalls slack) {
        this.commands = commands;
        this.homes = homes;
        this.slack = slack;
    }

    public Response handle(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if (slack.enabled() && "home".equals(event.getTab()) && event.getUser() != null) {
            worker.submit(() -> {
                try {
                    slack.publishHome(event.getUser(), homeView(event.getUser()));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "The Home tab could not be computed");
                }
            });
        }
        return ctx.ack();
    }

    View homeView(String userId) {
        HomeTeams.Home home = homes.of(userId);
        return HomeView.home(commands.usageLines(), home.cards(), home.hidden(), home.admin());
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
