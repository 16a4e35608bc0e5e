package dev.tokenwise.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Builds usage histories for alert tests by writing the rollups directly (they are the contract with ingest),
 * and reads what the alerts put in the outbox.
 */
@ApplicationScoped
public class Rollups {

    /** An outbox row as the tests look at it. */
    public record Sent(String dedupKey, String kind, String channel, String text, String blocksJson) {
    }

    private final EntityManager em;

    public Rollups(EntityManager em) {
        this.em = em;
    }

    /** Adds {@code cost} to the hour of {@code at} for team × workflow × model × repo (tool claude-code). */
    public void add(String team, Instant at, String workflow, String model, String repo, double cost) {
        OffsetDateTime bucket = OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
        QuarkusTransaction.requiringNew().run(() -> {
            int n = em.createNativeQuery("UPDATE usage_hourly SET cost_usd = cost_usd + ?1, events = events + 1 "
                    + "WHERE team_id = ?2 AND bucket_start = ?3 AND workflow = ?4 AND model = ?5 AND tool = 'claude-code' "
                    + "AND repo = ?6 AND attributed = FALSE").setParameter(1, cost).setParameter(2, team)
                    .setParameter(3, bucket).setParameter(4, workflow).setParameter(5, model).setParameter(6, repo)
                    .executeUpdate();
            if (n == 0) {
                em.createNativeQuery("INSERT INTO usage_hourly (team_id, bucket_start, workflow, model, tool, repo, "
                        + "attributed, events, cost_usd, input_tokens, cached_input_tokens, cache_write_tokens, "
                        + "output_tokens, reasoning_tokens, unpriced_events) VALUES (?1, ?2, ?3, ?4, 'claude-code', ?5, "
                        + "FALSE, 1, ?6, 0, 0, 0, 0, 0, 0)").setParameter(1, team).setParameter(2, bucket)
                        .setParameter(3, workflow).setParameter(4, model).setParameter(5, repo).setParameter(6, cost)
                        .executeUpdate();
            }
            // The narrow team-hour rollup that ingest keeps beside usage_hourly (budgets and spikes read it).
            n = em.createNativeQuery("UPDATE usage_team_hourly SET cost_usd = cost_usd + ?1, events = events + 1 "
                    + "WHERE team_id = ?2 AND bucket_start = ?3 AND workflow = ?4").setParameter(1, cost)
                    .setParameter(2, team).setParameter(3, bucket).setParameter(4, workflow).executeUpdate();
            if (n == 0) {
                em.createNativeQuery("INSERT INTO usage_team_hourly (team_id, bucket_start, workflow, events, cost_usd) "
                        + "VALUES (?1, ?2, ?3, 1, ?4)").setParameter(1, team).setParameter(2, bucket)
                        .setParameter(3, workflow).setParameter(4, cost).executeUpdate();
            }
        });
    }

    /** Adds an event of a session: its cost to the session's hour, widening first_at / last_at. */
    public void session(String session, String team, Instant at, String workflow, String model, String repo,
            double cost) {
        OffsetDateTime bucket = OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
        OffsetDateTime t = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        QuarkusTransaction.requiringNew().run(() -> {
            int n = em.createNativeQuery("UPDATE usage_session_hourly SET cost_usd = cost_usd + ?1, events = events + 1, "
                    + "first_at = LEAST(first_at, ?2), last_at = GREATEST(last_at, ?2) WHERE session_id = ?3 "
                    + "AND bucket_start = ?4 AND team_id = ?5 AND workflow = ?6 AND model = ?7 AND tool = 'claude-code' "
                    + "AND repo = ?8").setParameter(1, cost).setParameter(2, t).setParameter(3, session)
                    .setParameter(4, bucket).setParameter(5, team).setParameter(6, workflow).setParameter(7, model)
                    .setParameter(8, repo).executeUpdate();
            if (n == 0) {
                em.createNativeQuery("INSERT INTO usage_session_hourly (session_id, bucket_start, team_id, workflow, "
                        + "model, tool, repo, events, cost_usd, first_at, last_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                        + "'claude-code', ?6, 1, ?7, ?8, ?8)").setParameter(1, session).setParameter(2, bucket)
                        .setParameter(3, team).setParameter(4, workflow).setParameter(5, model).setParameter(6, repo)
                        .setParameter(7, cost).setParameter(8, t).executeUpdate();
            }
        });
        add(team, at, workflow, model, repo, cost);
    }

    /** Alerts queued for a team, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Sent> sent(String team) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT dedup_key, kind, "
                + "channel, text, blocks_json FROM outbox_message WHERE team_id = ?1 ORDER BY id")
                .setParameter(1, team).getResultList());
        List<Sent> out = new ArrayList<>();
        rows.forEach(r -> out.add(new Sent((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4])));
        return out;
    }

    /** The budget state row of a team scope in a month: level and forecast flag, or null. */
    public Object[] state(String team, String scope, String monthFirst) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("SELECT level_pct, "
                + "forecast_alerted FROM budget_alert_state WHERE team_id = ?1 AND scope = ?2 AND budget_month = ?3")
                .setParameter(1, team).setParameter(2, scope).setParameter(3, java.time.LocalDate.parse(monthFirst))
                .getResultStream().findFirst().orElse(null));
    }
}
