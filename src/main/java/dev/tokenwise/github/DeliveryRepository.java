package dev.tokenwise.github;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;

/** Table github_delivery: the ids of the deliveries already taken, for idempotency. */
@ApplicationScoped
public class DeliveryRepository {

    private final Db db;

    public DeliveryRepository(Db db) {
        this.db = db;
    }

    /** Records the delivery id; false when it was recorded before (a redelivery). */
    public boolean firstTime(String deliveryId, String event, Instant receivedAt) {
        return db.update("INSERT INTO github_delivery (delivery_id, event, received_at) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", deliveryId, event, receivedAt) == 1;
    }
}
