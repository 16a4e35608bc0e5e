package dev.tokenwise.slack;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Socket Mode: when SLACK_APP_TOKEN is set, the app opens a WebSocket to Slack at start-up (no public URL needed)
 * and the same Bolt {@link App} answers there. Without the token nothing is started and no call leaves.
 */
@Singleton
public class SocketModeStarter {

    private static final Logger LOG = Logger.getLogger(SocketModeStarter.class);

    private final SlackSettings settings;
    // Note: looked up only when Socket Mode is on; building Bolt's App loads the Slack SDK, Gson, OkHttp and Kotlin
    // (about 470 classes), which HTTP mode defers to the first Slack request.
    private final Instance<App> app;
    private SocketModeApp socketMode;

    public SocketModeStarter(SlackSettings settings, Instance<App> app) {
        this.settings = settings;
        this.app = app;
    }

    void start(@Observes StartupEvent ev) {
        String appToken = settings.appToken().filter(t -> !t.isBlank()).orElse(null);
        if (appToken == null) {
            return;
        }
        try {
            socketMode = new SocketModeApp(appToken, app.get(), SocketModeClient.Backend.JavaWebSocket);
            socketMode.startAsync();
            LOG.info("Slack Socket Mode started");
        } catch (Exception e) {
            // Note: the service still runs (outbox, API); Slack commands wait until the next start.
            LOG.errorf("Slack Socket Mode could not start: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (socketMode != null) {
            try {
                socketMode.stop();
            } catch (Exception e) {
                LOG.debug("Socket Mode stop failed", e);
            }
        }
    }
}
