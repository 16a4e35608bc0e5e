package dev.tokenwise.outbox;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.tokenwise.chat.ChatFile;
import dev.tokenwise.chat.ChatMessage;

/** Writes messages into the outbox; a unique dedup key makes a second enqueue of the same thing a no-op. */
@ApplicationScoped
public class OutboxService implements Outbox {

    private final OutboxRepository repository;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    public OutboxService(OutboxRepository repository, TransactionSynchronizationRegistry transactions, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public boolean enqueue(String dedupKey, String teamId, String kind, ChatMessage message) {
        // Note: the decorator (OutboxSendTrigger) sees both methods; this self-call is not decorated again.
        return enqueue(dedupKey, teamId, kind, message, null);
    }

    @Override
    public boolean enqueue(String dedupKey, String teamId, String kind, ChatMessage message, ChatFile file) {
        // Note: the message commits with the caller's change or not at all, so there must be a caller's
        // transaction; without one the row would be committed on its own, before the change it reports.
        if (transactions.getTransactionKey() == null) {
            throw new IllegalStateException("Outbox.enqueue must run in the caller's transaction (db.transaction)");
        }
        return repository.insert(dedupKey, teamId, kind, message, file, clock.instant());
    }

    @Override
    public Optional<String> status(String dedupKey) {
        return repository.status(dedupKey);
    }

    @Override
    public int supersedeOlder(String teamId, String kind, String keyPrefix, String key) {
        return repository.supersedeOlder(teamId, kind, keyPrefix, key);
    }
}
