package dev.tokenwise.slack;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.util.List;
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
        return View.builder().type("home").blocks(asBlocks(
                header(h -> h.text(plainText("Tokenwise"))),
                section(s -> s.text(markdownText("What your AI coding agents *cost*, next to what your team "
                        + "*delivers*. Weekly digests and alerts arrive in your team's channel."))),
                section(s -> s.text(markdownText("*Commands*\n" + commands.usageLines()))),
                context(c -> c.elements(List.of(markdownText(TokenwiseCommandListener.POLICY)))))).build();
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
