package dev.tokenwise.slack;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.outbox.Outbox;
import dev.tokenwise.pulse.PulseInvite;
import dev.tokenwise.pulse.PulsePublisher;
import dev.tokenwise.pulse.PulseService;
import dev.tokenwise.slack.render.PulseMessages;

/** Pulse questions into Slack: worded by {@link PulseMessages}, queued in the outbox (kind {@code pulse}). */
@ApplicationScoped
public class SlackPulsePublisher implements PulsePublisher {

    private final Outbox outbox;

    public SlackPulsePublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public boolean publish(String dedupKey, PulseInvite invite) {
        return outbox.enqueue(dedupKey, invite.team(), PulseService.KIND,
                PulseMessages.questions(invite).toChat(invite.channel()));
    }
}
