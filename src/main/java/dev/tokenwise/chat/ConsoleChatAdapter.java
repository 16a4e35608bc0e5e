package dev.tokenwise.chat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * The chat adapter when SLACK_BOT_TOKEN is unset: every message is written to the log (and stays in the outbox,
 * visible through {@code GET /api/admin/outbox}), so the whole product runs without Slack.
 */
public class ConsoleChatAdapter implements ChatPort {

    private static final Logger LOG = Logger.getLogger(ConsoleChatAdapter.class);
    private final AtomicLong seq = new AtomicLong();

    @Override
    public PostResult post(ChatMessage message, String dedupKey) {
        String ts = "console-" + seq.incrementAndGet();
        LOG.infof("[console chat] post to %s (%s):%n%s", message.channel(), dedupKey, message.text());
        return PostResult.posted(ts);
    }

    @Override
    public PostResult update(String channel, String ts, ChatMessage message) {
        LOG.infof("[console chat] update %s in %s:%n%s", ts, channel, message.text());
        return PostResult.posted(ts);
    }

    @Override
    public LookupResult findPosted(String channel, String dedupKey, Instant since) {
        // Note: the log is not searchable; a message whose outcome was lost is logged again, which is harmless.
        return LookupResult.notFound();
    }

    @Override
    public boolean isConsole() {
        return true;
    }
}
