package dev.tokenwise.outbox;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.tokenwise.chat.ChatFile;
import dev.tokenwise.chat.ChatMessage;

/**
 * Wakes the {@link OutboxSender} when a transaction that enqueued a message commits, so a message goes out
 * within moments instead of at the next poll. A decorator, so {@link OutboxService} stays as it is and every
 * caller of {@link Outbox#enqueue} gets it.
 */
@Decorator
@Priority(10)
public abstract class OutboxSendTrigger implements Outbox {

    @Inject
    @Delegate
    @Any
    Outbox delegate;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxSender sender;

    @Inject
    OutboxConfig settings;

    @Override
    public boolean enqueue(String dedupKey, String teamId, String kind, ChatMessage message) {
        return kickAfterCommit(delegate.enqueue(dedupKey, teamId, kind, message));
    }

    @Override
    public boolean enqueue(String dedupKey, String teamId, String kind, ChatMessage message, ChatFile file) {
        return kickAfterCommit(delegate.enqueue(dedupKey, teamId, kind, message, file));
    }

    private boolean kickAfterCommit(boolean queued) {
        if (queued && settings.sendOnCommit()) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        sender.kick();
                    }
                }
            });
        }
        return queued;
    }
}
