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

/**
 * {@code app_home_opened}: publishes a short Home tab (what the app does, the commands, the team-level policy).
 * The event is acknowledged at once; views.publish runs afterwards and only when a bot token is configured.
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

    public AppHomeListener(TokenwiseCommandListener commands) {
        this.commands = commands;
    }

    public Response handle(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if (ctx.getBotToken() != null && "home".equals(event.getTab())) {
            worker.submit(() -> {
                try {
                    var res = ctx.client().viewsPublish(r -> r.userId(event.getUser()).view(homeView()));
                    if (!res.isOk()) {
                        LOG.warnf("views.publish failed: %s", res.getError());
                    }
                } catch (Exception e) {
                    LOG.warnf("views.publish failed: %s", e.getMessage());
                }
            });
        }
        return ctx.ack();
    }

    View homeView() {
        return HomeView.home(commands.usageLines());
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
