package dev.tokenwise.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.budget.SpendRepository;
import dev.tokenwise.settings.GlobalSettings;

/**
 * The runaway-session rule of docs/contract.md §9: a session that spent more than the cost limit or was active for
 * longer than the duration limit within the last 24 h, once per session.
 */
@ApplicationScoped
class RunawayRule {

    /** A session over a limit, not alerted yet; {@code from} is the start of the 24 h looked at. */
    record Over(TeamWindow window, SpendRepository.SessionActivity session, String key, Instant from, double limitUsd,
            double limitHours) {
    }

    private final SpendRepository spend;
    private final AlertRepository store;

    RunawayRule(SpendRepository spend, AlertRepository store) {
        this.spend = spend;
        this.store = store;
    }

    /** The sessions of the given teams over a limit whose alert was not raised yet. */
    List<Over> find(Map<String, TeamWindow> windows, Instant now, GlobalSettings g) {
        double limitUsd = g.sessionCostUsd().doubleValue();
        double limitHours = g.sessionHours().doubleValue();
        // Within 24 h at hourly resolution: the buckets from the hour that contains now − 24 h.
        Instant from = now.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS);
        List<SpendRepository.SessionActivity> over = spend.sessionsOver(windows.keySet(), from, now, limitUsd,
                (long) (limitHours * 3600));
        if (over.isEmpty()) {
            return List.of();
        }
        Set<String> known = store.alertKeysSince("runaway", now.minus(Duration.ofDays(2)));
        List<Over> out = new ArrayList<>();
        for (SpendRepository.SessionActivity s : over) {
            String key = "alert:runaway:" + s.teamId() + ":" + s.sessionId();
            TeamWindow w = windows.get(s.teamId());
            if (!known.contains(key) && w != null) {
                out.add(new Over(w, s, key, from, limitUsd, limitHours));
            }
        }
        return out;
    }

    /** The alert of a session, with the tool, model, repository and workflow it spent most on. */
    Alert alert(Over o, Instant now) {
        SpendRepository.SessionActivity s = o.session();
        SpendRepository.SessionMain main = spend.sessionMain(s.teamId(), s.sessionId(), o.from(), now);
        double hours = Duration.between(s.firstAt(), s.lastAt()).toSeconds() / 3600d;
        return new Alert(o.key(), "runaway", "runaway", o.window().team(), s.sessionId(), s.costUsd(), o.limitUsd(),
                new AlertFinding.RunawaySession(s.teamId(), s, main, hours, o.limitUsd(), o.limitHours()));
    }
}
