package dev.tokenwise.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The alert tables of V6: budget state, raised alerts and snoozes. Writes join the caller's transaction; every
 * "once" is decided by the database (a compare-and-set UPDATE or an INSERT ... ON CONFLICT DO NOTHING), so
 * replicas evaluating at the same moment agree on who announces what.
 */
@ApplicationScoped
public class AlertStore {

    /** The stored state of one budget scope in one month. */
    public record BudgetState(int levelPct, boolean forecastAlerted) {
    }

    /** A raised alert as {@code /tokenwise spikes} and the snooze button show it. */
    public record RaisedAlert(String rule, String teamId, String subject, Instant raisedAt, Double amountUsd,
            Double baselineUsd, String summary, String delivery) {
    }

    private final EntityManager em;
    private final Clock clock;

    public AlertStore(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** States of the given teams for one month per team, keyed {@code team|scope}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, BudgetState> budgetStates(Map<String, LocalDate> monthOfTeam) {
        Map<String, BudgetState> out = new HashMap<>();
        if (monthOfTeam.isEmpty()) {
            return out;
        }
        LocalDate min = monthOfTeam.values().stream().min(LocalDate::compareTo).orElseThrow();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT team_id, scope, budget_month, level_pct, forecast_alerted "
                + "FROM budget_alert_state WHERE budget_month >= ?1").setParameter(1, min).getResultList();
        for (Object[] r : rows) {
            LocalDate month = monthOfTeam.get((String) r[0]);
            if (month != null && month.toString().equals(r[2].toString())) {
                out.put(r[0] + "|" + r[1], new BudgetState(((Number) r[3]).intValue(), (Boolean) r[4]));
            }
        }
        return out;
    }

    /** Creates the state row of a scope and month; true when this call created it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean ensureBudgetRow(String team, String scope, LocalDate month) {
        return em.createNativeQuery("INSERT INTO budget_alert_state (team_id, scope, budget_month, level_pct, "
                + "forecast_alerted, updated_at) VALUES (?1, ?2, ?3, 0, FALSE, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, team).setParameter(2, scope).setParameter(3, month).setParameter(4, now())
                .executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public BudgetState budgetState(String team, String scope, LocalDate month) {
        Object[] r = (Object[]) em.createNativeQuery("SELECT level_pct, forecast_alerted FROM budget_alert_state "
                + "WHERE team_id = ?1 AND scope = ?2 AND budget_month = ?3").setParameter(1, team)
                .setParameter(2, scope).setParameter(3, month).getSingleResult();
        return new BudgetState(((Number) r[0]).intValue(), (Boolean) r[1]);
    }

    /** Moves the level from {@code expected} to {@code target}; false when another evaluation moved it first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean casBudgetLevel(String team, String scope, LocalDate month, int expected, int target) {
        return em.createNativeQuery("UPDATE budget_alert_state SET level_pct = ?1, updated_at = ?2 WHERE team_id = ?3 "
                + "AND scope = ?4 AND budget_month = ?5 AND level_pct = ?6").setParameter(1, target)
                .setParameter(2, now()).setParameter(3, team).setParameter(4, scope).setParameter(5, month)
                .setParameter(6, expected).executeUpdate() == 1;
    }

    /** Marks the month's forecast alert as given; false when it already was. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean casForecast(String team, String scope, LocalDate month) {
        return em.createNativeQuery("UPDATE budget_alert_state SET forecast_alerted = TRUE, updated_at = ?1 "
                + "WHERE team_id = ?2 AND scope = ?3 AND budget_month = ?4 AND forecast_alerted = FALSE")
                .setParameter(1, now()).setParameter(2, team).setParameter(3, scope).setParameter(4, month)
                .executeUpdate() == 1;
    }

    /** The scopes of a month that raised anything (a threshold or the forecast), keyed by scope. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, BudgetState> alertedScopes(String team, LocalDate month) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT scope, level_pct, forecast_alerted FROM budget_alert_state "
                + "WHERE team_id = ?1 AND budget_month = ?2 AND (level_pct > 0 OR forecast_alerted = TRUE) "
                + "ORDER BY scope").setParameter(1, team).setParameter(2, month).getResultList();
        Map<String, BudgetState> out = new java.util.LinkedHashMap<>();
        rows.forEach(r -> out.put((String) r[0], new BudgetState(((Number) r[1]).intValue(), (Boolean) r[2])));
        return out;
    }

    /** Records a raised alert; false when one with the same key exists (the cooldown). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertAlert(String key, String rule, String team, String subject, Double amount, Double baseline,
            String summary, String delivery) {
        return em.createNativeQuery("INSERT INTO alert_event (alert_key, alert_rule, team_id, subject, raised_at, "
                + "amount_usd, baseline_usd, summary, delivery) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                + "ON CONFLICT DO NOTHING").setParameter(1, key).setParameter(2, rule).setParameter(3, team)
                .setParameter(4, subject).setParameter(5, now()).setParameter(6, amount).setParameter(7, baseline)
                .setParameter(8, truncate(summary, 2000)).setParameter(9, delivery).executeUpdate() == 1;
    }

    /** Keys of alerts of one rule raised since {@code since} by the given teams (to skip known ones cheaply). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> alertKeysSince(String rule, Instant since) {
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery("SELECT alert_key FROM alert_event WHERE alert_rule = ?1 "
                + "AND raised_at >= ?2").setParameter(1, rule).setParameter(2, ts(since)).getResultList();
        return new HashSet<>(keys);
    }

    /** Active snoozes at {@code at}, as {@code rule|team|subject}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> activeSnoozes(Instant at) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT alert_rule, team_id, subject FROM alert_snooze "
                + "WHERE snoozed_until > ?1").setParameter(1, ts(at)).getResultList();
        Set<String> out = new HashSet<>();
        rows.forEach(r -> out.add(r[0] + "|" + r[1] + "|" + r[2]));
        return out;
    }

    /** Sets (or moves) a snooze; returns the previous end, if any, for the audit log. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Instant> snooze(String rule, String team, String subject, Instant until, String by) {
        @SuppressWarnings("unchecked")
        List<Object> before = em.createNativeQuery("SELECT snoozed_until FROM alert_snooze WHERE alert_rule = ?1 "
                + "AND team_id = ?2 AND subject = ?3").setParameter(1, rule).setParameter(2, team)
                .setParameter(3, subject).getResultList();
        // Note: UPDATE then INSERT ... ON CONFLICT DO NOTHING, since ON CONFLICT (...) DO UPDATE is not portable to H2.
        int updated = em.createNativeQuery("UPDATE alert_snooze SET snoozed_until = ?1, snoozed_by = ?2, "
                + "snoozed_at = ?3 WHERE alert_rule = ?4 AND team_id = ?5 AND subject = ?6").setParameter(1, ts(until))
                .setParameter(2, by).setParameter(3, now()).setParameter(4, rule).setParameter(5, team)
                .setParameter(6, subject).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO alert_snooze (alert_rule, team_id, subject, snoozed_until, snoozed_by, "
                    + "snoozed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING").setParameter(1, rule)
                    .setParameter(2, team).setParameter(3, subject).setParameter(4, ts(until)).setParameter(5, by)
                    .setParameter(6, now()).executeUpdate();
        }
        return before.stream().findFirst().map(AlertStore::instant);
    }

    /** Alerts of a team of the given rules raised since {@code since}, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RaisedAlert> recent(String team, Collection<String> rules, Instant since, int limit) {
        return select("team_id = ?1 AND alert_rule IN (?2) AND raised_at >= ?3", List.of(team, rules, ts(since)),
                limit);
    }

    /** The latest alert of the given rules about one subject (the message a snooze button belongs to). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RaisedAlert> latest(String team, Collection<String> rules, String subject) {
        return select("team_id = ?1 AND alert_rule IN (?2) AND subject = ?3", List.of(team, rules, subject), 1)
                .stream().findFirst();
    }

    private List<RaisedAlert> select(String where, List<Object> params, int limit) {
        var q = em.createNativeQuery("SELECT alert_rule, team_id, subject, raised_at, amount_usd, baseline_usd, "
                + "summary, delivery FROM alert_event WHERE " + where + " ORDER BY raised_at DESC, id DESC");
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.setMaxResults(limit).getResultList();
        List<RaisedAlert> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new RaisedAlert((String) r[0], (String) r[1], (String) r[2], instant(r[3]),
                    r[4] == null ? null : ((Number) r[4]).doubleValue(),
                    r[5] == null ? null : ((Number) r[5]).doubleValue(), (String) r[6], (String) r[7]));
        }
        return out;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Hibernate hands timestamps back as different types depending on the database and driver. */
    static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + o.getClass());
    }
}
