package dev.tokenwise.slack;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.digest.DigestInput;
import dev.tokenwise.digest.DigestPublisher;
import dev.tokenwise.digest.DigestService;
import dev.tokenwise.outbox.Outbox;
import dev.tokenwise.slack.render.DigestChart;
import dev.tokenwise.slack.render.DigestMessages;

/** Digests into Slack: worded by {@link DigestMessages}, queued in the outbox (kind {@code digest}). */
@ApplicationScoped
public class SlackDigestPublisher implements DigestPublisher {

    private final Outbox outbox;

    public SlackDigestPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public boolean publish(String dedupKey, String teamId, DigestInput digest) {
        // Note: the chart is rendered here, in the transaction that queues the digest, so that what is sent is fixed
        // when it is decided (a retry sends the same picture).
        return outbox.enqueue(dedupKey, teamId, DigestService.KIND,
                DigestMessages.digest(digest).toChat(digest.channel()),
                DigestChart.hasFigures(digest.weeks()) ? DigestChart.render(digest, dedupKey) : null);
    }
}
