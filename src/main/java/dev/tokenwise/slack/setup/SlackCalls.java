package dev.tokenwise.slack.setup;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.users.UsersConversationsResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.model.view.View;

import dev.tokenwise.slack.SlackSettings;

/**
 * The Web API calls of setting up from Slack, with the bot token: {@code views.open}, {@code views.publish},
 * {@code chat.postEphemeral}, {@code users.conversations} and {@code auth.test}. Slack's refusals come back as
 * {@code ok=false}, not exceptions: each call says whether it worked and logs Slack's error (never a token).
 */
@ApplicationScoped
public class SlackCalls {

    private static final Logger LOG = Logger.getLogger(SlackCalls.class);
    /** users.conversations pages read at most (1000 channels a page): a viewer in more sees the teams of those. */
    private static final int MAX_PAGES = 10;

    private final SlackSettings settings;
    private final Slack slack;
    private final AtomicReference<String> botUserId = new AtomicReference<>();

    public SlackCalls(SlackSettings settings, Slack slack) {
        this.settings = settings;
        this.slack = slack;
    }

    public boolean enabled() {
        return settings.hasBotToken();
    }

    /** Opens a modal; empty when it opened, else Slack's error (e.g. {@code expired_trigger_id}). */
    public Optional<String> openView(String triggerId, View view) {
        return call("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    /** Publishes a user's Home tab. */
    public boolean publishHome(String userId, View view) {
        return call("views.publish", m -> m.viewsPublish(r -> r.userId(userId).view(view))).isEmpty();
    }

    /** A message only {@code userId} sees, in {@code channel}. */
    public boolean postEphemeral(String channel, String userId, String text) {
        return call("chat.postEphemeral", m -> m.chatPostEphemeral(r -> r.channel(channel).user(userId).text(text)))
                .isEmpty();
    }

    /** The public and private channels {@code userId} is a member of (that the app can see); empty on failure. */
    public Set<String> channelsOf(String userId) {
        Set<String> out = new HashSet<>();
        if (!enabled()) {
            return out;
        }
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String c = cursor;
            UsersConversationsResponse r;
            try {
                r = methods().usersConversations(q -> q.user(userId).excludeArchived(true).limit(1000).cursor(c)
                        .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL)));
            } catch (Exception e) {
                LOG.warnf("users.conversations failed: %s", e.getMessage());
                return out;
            }
            if (!r.isOk()) {
                LOG.warnf("users.conversations failed: %s", r.getError());
                return out;
            }
            r.getChannels().forEach(ch -> out.add(ch.getId()));
            cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** The bot's own user id ({@code auth.test}, asked once), or null when Slack could not say. */
    public String botUserId() {
        String known = botUserId.get();
        if (known != null || !enabled()) {
            return known;
        }
        try {
            var r = methods().authTest(q -> q);
            if (r.isOk() && r.getUserId() != null) {
                botUserId.set(r.getUserId());
                return r.getUserId();
            }
            LOG.warnf("auth.test failed: %s", r.getError());
        } catch (Exception e) {
            LOG.warnf("auth.test failed: %s", e.getMessage());
        }
        return null;
    }

    private MethodsClient methods() {
        return slack.methods(settings.botToken().orElseThrow());
    }

    private interface Call {
        SlackApiTextResponse run(MethodsClient m) throws Exception;
    }

    private Optional<String> call(String method, Call call) {
        if (!enabled()) {
            // Note: no bot token is the console adapter: nothing is sent to Slack.
            return Optional.of("no_bot_token");
        }
        try {
            SlackApiTextResponse r = call.run(methods());
            if (!r.isOk()) {
                LOG.warnf("%s failed: %s", method, r.getError());
                return Optional.of(r.getError() == null ? "unknown_error" : r.getError());
            }
            return Optional.empty();
        } catch (Exception e) {
            LOG.warnf("%s failed: %s", method, e.getMessage());
            return Optional.of("unreachable");
        }
    }
}
