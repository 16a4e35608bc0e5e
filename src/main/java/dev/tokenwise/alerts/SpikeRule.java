package dev.tokenwise.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.budget.SpendRepository;
import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.team.TeamSettings;

/**
 * The spend-spike rule of docs/contract.md §9 for one team: today's spend of each workflow against the previous
 * {@value #HISTORY_DAYS} days ({@link SpikeMath}), once per team, workflow and local day; a spike names the
 * models, repositories and sessions that drove it.
 */
@ApplicationScoped
class SpikeRule {

    /** Days of history behind the spike baseline (docs/contract.md §9). */
    static final int HISTORY_DAYS = 28;

    /** A workflow whose spend today is a spike not alerted yet. */
    record Spike(String workflow, SpikeMath.Check check, String key) {
    }

    private final SpendRepository spend;
    private final AlertsConfig config;

    SpikeRule(SpendRepository spend, AlertsConfig config) {
        this.spend = spend;
        this.config = config;
    }

    /**
     * The team's workflows whose spend today is a spike, leaving out those whose alert key is in
     * {@code knownKeys}.
     *
     * @param days spend per workflow and day of the window
     */
    List<Spike> find(TeamWindow w, Map<String, double[]> days, GlobalSettings g, Set<String> knownKeys) {
        int today = w.index(w.today());
        List<Spike> out = new ArrayList<>();
        for (var e : days.entrySet()) {
            double[] arr = e.getValue();
            double[] history = Arrays.copyOfRange(arr, today - HISTORY_DAYS, today);
            SpikeMath.Check c = SpikeMath.check(arr[today], history, g.spikeFactor().doubleValue(),
                    g.spikeMadFactor().doubleValue(), g.spikeFloorUsd().doubleValue());
            String key = "alert:spike:" + w.team().id() + ":" + e.getKey() + ":" + w.today();
            if (c.spike() && !knownKeys.contains(key)) {
                out.add(new Spike(e.getKey(), c, key));
            }
        }
        return out;
    }

    /** The alert of a spike, with today's top models, repositories and sessions of the workflow. */
    Alert alert(TeamWindow w, Spike s, Instant now) {
        TeamSettings t = w.team();
        Instant start = w.today().atStartOfDay(w.zone()).toInstant();
        int top = config.contextTop();
        List<SpendRepository.Share> models = spend.topOfHourly("model", t.id(), s.workflow(), start, now, top);
        List<SpendRepository.Share> repos = spend.topOfHourly("repo", t.id(), s.workflow(), start, now, top);
        List<SpendRepository.Share> sessions = spend.topSessions(t.id(), s.workflow(), start, now, top);
        SpikeMath.Check c = s.check();
        return new Alert(s.key(), "spike", "spike", t, s.workflow(), c.today(), c.threshold(),
                new AlertFinding.SpendSpike(t.id(), s.workflow(), w.zone().getId(), c, HISTORY_DAYS, models, repos,
                        sessions));
    }
}
