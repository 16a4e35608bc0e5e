package dev.tokenwise.slack.setup;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.slack.api.app_backend.events.payload.Authorization;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MemberJoinedChannelEvent;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.outbox.Outbox;
import dev.tokenwise.slack.command.CommandArgs;
import dev.tokenwise.slack.render.SetupMessages;

/**
 * {@code member_joined_channel} for the bot itself, in a channel no team uses: one short message offering to set up
 * the channel's team (docs/contract.md §4.1), never twice for one channel.
 * <p>
 * How "never twice" holds: the message goes through the outbox under the dedup key {@code onboarding:<channel>},
 * whose row is unique and is inserted before anything is posted. A second delivery of the event (Slack's retry, a
 * second replica, the bot removed and invited again) finds the key and adds nothing. The row is written before
 * Slack gets its 200, so an event is never lost to a crash after the acknowledgement (Slack retries what was not
 * acknowledged: at-least-once in, one row out). The outbox sender then posts at least once until Slack takes it,
 * and before a retry whose outcome was lost it looks for the message's dedup key in the channel's history; so the
 * channel sees it once (effectively exactly once; at least once, in the one case where Slack's history itself
 * cannot be read).
 */
@Singleton
public class OnboardingListener {

    private static final Logger LOG = Logger.getLogger(OnboardingListener.class);

    private final SlackCalls slack;
    private final CommandArgs channels;
    private final Outbox outbox;
    private final Db db;

    public OnboardingListener(SlackCalls slack, CommandArgs channels, Outbox outbox, Db db) {
        this.slack = slack;
        this.channels = channels;
        this.outbox = outbox;
        this.db = db;
    }

    public Response handle(EventsApiPayload<MemberJoinedChannelEvent> payload, EventContext ctx) {
        MemberJoinedChannelEvent e = payload.getEvent();
        String channel = e.getChannel();
        if (channel == null || e.getUser() == null || !slack.enabled() || !e.getUser().equals(botUserId(payload))
                || channels.teamOfChannel(channel).isPresent()) {
            return ctx.ack();
        }
        boolean queued = db.transaction(() -> outbox.enqueue("onboarding:" + channel, null, "onboarding",
                SetupMessages.onboarding().toChat(channel)));
        if (queued) {
            LOG.infof("Invited to %s, which no team uses: onboarding message queued", channel);
        }
        return ctx.ack();
    }

    /**
     * The bot's user id: Slack names it in the event's {@code authorizations} (the installation the event is for,
     * {@code is_bot} true); an event without it costs one {@code auth.test}, asked once per process.
     */
    private String botUserId(EventsApiPayload<MemberJoinedChannelEvent> payload) {
        if (payload.getAuthorizations() != null) {
            for (Authorization a : payload.getAuthorizations()) {
                if (Boolean.TRUE.equals(a.getIsBot()) && a.getUserId() != null) {
                    return a.getUserId();
                }
            }
        }
        return slack.botUserId();
    }
}
