package dev.tokenwise.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import dev.tokenwise.pricing.PricesChanged;
import dev.tokenwise.team.TeamChanged;

/**
 * Drops cached settled days that may no longer be right: a team's days when the team changes (its time zone
 * decides where a day starts), all of them when a price changes. Runs in the transaction of the change.
 */
@ApplicationScoped
class SpendDayCacheInvalidation {

    private final EntityManager em;

    SpendDayCacheInvalidation(EntityManager em) {
        this.em = em;
    }

    void onTeam(@Observes TeamChanged e) {
        em.createNativeQuery("DELETE FROM spend_day WHERE team_id = ?1").setParameter(1, e.teamId()).executeUpdate();
    }

    void onPrices(@Observes PricesChanged e) {
        em.createNativeQuery("DELETE FROM spend_day").executeUpdate();
    }
}
