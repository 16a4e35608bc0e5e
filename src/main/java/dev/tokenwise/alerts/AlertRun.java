package dev.tokenwise.alerts;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.jboss.logging.Logger;

import dev.tokenwise.budget.BilledRepository;
import dev.tokenwise.budget.SpendRepository;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.settings.SettingsService;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import io.quarkus.scheduler.Scheduled;

/**
 * One run of every alert rule of docs/contract.md §9 for the configured teams: {@link BudgetRule},
 * {@link SpikeRule}, {@link RunawayRule}, each alert recorded and queued by {@link AlertRecorder}. Spend is read
 * from the rollups in one pass for all teams; a transaction is opened only where something changes (one per team
 * for its budget, one per spike or runaway session), and every "once" is decided by the database (see
 * {@link AlertRepository}), with the outbox dedup key as the last guard. A failure in one team is logged and the others
 * go on.
 * <p>
 * Runs on its schedule ({@code tokenwise.alerts.every}, default every 5 minutes; {@code off} in tests, which call
 * {@link #evaluate} directly); a run still going when the next is due is skipped, not stacked.
 */
@ApplicationScoped
public class AlertRun {

    /** Teams evaluated (and zones read) at once; see {@link #inParallel}. */
    static final int PARALLELISM = 4;
    /** The rules as counted in {@link Result#queued()}. */
    public static final List<String> RULES = List.of("budget", "forecast", "budget_reset", "spike", "runaway",
            "drift");

    private static final Logger LOG = Logger.getLogger(AlertRun.class);
    /** The schedule: {@code tokenwise.alerts.every}, default every 5 minutes. */
    private static final String EVERY = "${tokenwise.alerts.every:5m}";

    /** What one run did: teams evaluated and alerts queued per rule. */
    public record Result(int teams, Map<String, Integer> queued, long tookMs) {
    }

    private final TeamService teams;
    private final SettingsService settings;
    private final SpendRepository spend;
    private final AlertRepository store;
    private final BudgetRule budget;
    private final SpikeRule spikes;
    private final RunawayRule runaways;
    private final DriftRule drift;
    private final BilledRepository billed;
    private final AlertRecorder recorder;
    private final Db db;
    private final Clock clock;
    private final ExecutorService workers = Executors.newFixedThreadPool(PARALLELISM, r -> {
        Thread t = new Thread(r, "alert-evaluation");
        t.setDaemon(true);
        return t;
    });

    AlertRun(TeamService teams, SettingsService settings, SpendRepository spend, AlertRepository store, BudgetRule budget,
            SpikeRule spikes, RunawayRule runaways, DriftRule drift, BilledRepository billed, AlertRecorder recorder,
            Db db, Clock clock) {
        this.drift = drift;
        this.billed = billed;
        this.teams = teams;
        this.settings = settings;
        this.spend = spend;
        this.store = store;
        this.budget = budget;
        this.spikes = spikes;
        this.runaways = runaways;
        this.recorder = recorder;
        this.db = db;
        this.clock = clock;
    }

    @Scheduled(identity = "tokenwise-alert-evaluation", every = EVERY, concurrentExecution = SKIP)
    void scheduled() {
        try {
            Result r = evaluate();
            LOG.debugf("Scheduled alert evaluation: %s", r);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Scheduled alert evaluation failed; the next run retries");
        }
    }

    /** Evaluates every configured team. */
    @ActivateRequestContext
    public Result evaluate() {
        return evaluate(teams.all());
    }

    /** Evaluates the given teams only (unknown ids are ignored). */
    @ActivateRequestContext
    public Result evaluateTeams(Collection<String> teamIds) {
        return evaluate(teamIds.stream().map(teams::find).flatMap(Optional::stream).toList());
    }

    private Result evaluate(List<TeamSettings> list) {
        long t0 = System.nanoTime();
        Instant now = clock.instant();
        GlobalSettings g = settings.current();
        Map<String, Integer> queued = new ConcurrentHashMap<>();
        RULES.forEach(r -> queued.put(r, 0));
        if (list.isEmpty()) {
            return new Result(0, ordered(queued), 0);
        }
        Map<String, TeamWindow> windows = new HashMap<>();
        Instant from = now;
        for (TeamSettings t : list) {
            LocalDate today = LocalDate.ofInstant(now, t.zone());
            LocalDate monthFirst = today.withDayOfMonth(1);
            LocalDate historyFirst = today.minusDays(SpikeRule.HISTORY_DAYS);
            LocalDate first = monthFirst.isBefore(historyFirst) ? monthFirst : historyFirst;
            windows.put(t.id(), new TeamWindow(t, t.zone(), today, monthFirst, first));
            Instant start = first.atStartOfDay(t.zone()).toInstant();
            from = start.isBefore(from) ? start : from;
        }

        long tWindows = System.nanoTime();
        Map<String, Map<String, double[]>> daily = dailySpend(list, windows, from, now);

        long tSpend = System.nanoTime();
        Set<String> snoozes = store.activeSnoozes(now);
        Map<String, LocalDate> budgetMonths = new HashMap<>();
        list.stream().filter(BudgetRule::hasBudget)
                .forEach(t -> budgetMonths.put(t.id(), windows.get(t.id()).monthFirst()));
        Map<String, AlertRepository.BudgetState> states = store.budgetStates(budgetMonths);
        Set<String> spikeKeys = store.alertKeysSince("spike", now.minus(Duration.ofDays(2)));
        Set<String> billedTeams = billed.teamsWithAccounts();
        Set<String> driftKeys = billedTeams.isEmpty() ? Set.of()
                : store.alertKeysSince("drift", now.minus(Duration.ofDays(32)));

        inParallel(list.stream().map(t -> (Callable<Void>) () -> {
            TeamWindow w = windows.get(t.id());
            Map<String, double[]> days = daily.getOrDefault(t.id(), Map.of());
            try {
                if (budgetMonths.containsKey(t.id())) {
                    budget.check(w, days, now, states).ifPresent(m -> db.newTransaction(
                            () -> recorder.record(budget.apply(m), snoozes, queued)));
                }
                for (SpikeRule.Spike s : spikes.find(w, days, g, spikeKeys)) {
                    db.newTransaction(() -> recorder.record(List.of(spikes.alert(w, s, now)), snoozes, queued));
                }
                if (billedTeams.contains(t.id())) {
                    drift.check(t, now, g, driftKeys).ifPresent(a -> db.newTransaction(
                            () -> recorder.record(List.of(a), snoozes, queued)));
                }
            } catch (RuntimeException e) {
                // Note: one team's failure must not stop the alerts of the others; the next run retries it.
                LOG.errorf(e, "Alert evaluation failed for team %s", t.id());
            }
            return null;
        }).toList());
        long tRules = System.nanoTime();
        try {
            for (RunawayRule.Over o : runaways.find(windows, now, g)) {
                try {
                    db.newTransaction(() -> recorder.record(List.of(runaways.alert(o, now)), snoozes, queued));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Runaway-session alert failed for team %s", o.session().teamId());
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Runaway-session evaluation failed");
        }
        long took = (System.nanoTime() - t0) / 1_000_000;
        LOG.debugf("Alert evaluation of %d teams took %d ms (spend %d, budget and spikes %d, runaways %d ms): %s",
                list.size(), took, (tSpend - tWindows) / 1_000_000, (tRules - tSpend) / 1_000_000,
                (System.nanoTime() - tRules) / 1_000_000, queued);
        return new Result(list.size(), ordered(queued), took);
    }

    /**
     * Spend per team → workflow → local day over the whole window, folded by the database from the narrow
     * team-hour rollup, one query per time zone: late events and repricing count at the next run, nothing is
     * cached between runs.
     */
    private Map<String, Map<String, double[]>> dailySpend(List<TeamSettings> list, Map<String, TeamWindow> windows,
            Instant from, Instant now) {
        Map<String, Map<String, double[]>> daily = new HashMap<>();
        Map<ZoneId, List<String>> byZone = list.stream().collect(Collectors.groupingBy(TeamSettings::zone,
                Collectors.mapping(TeamSettings::id, Collectors.toList())));
        List<Callable<List<SpendRepository.DaySpend>>> reads = byZone.entrySet().stream()
                .map(e -> (Callable<List<SpendRepository.DaySpend>>) () -> {
                    List<SpendRepository.DaySpend> rows = new ArrayList<>();
                    spend.daily(e.getKey(), e.getValue(), from, now, rows::add);
                    return rows;
                }).toList();
        for (List<SpendRepository.DaySpend> rows : inParallel(reads)) {
            rows.forEach(d -> add(daily, windows.get(d.teamId()), d.workflow(), d.date(), d.costUsd()));
        }
        return daily;
    }

    private static void add(Map<String, Map<String, double[]>> daily, TeamWindow w, String workflow, LocalDate d,
            double cost) {
        if (d.isBefore(w.first()) || d.isAfter(w.today())) {
            return;
        }
        daily.computeIfAbsent(w.team().id(), k -> new HashMap<>())
                .computeIfAbsent(workflow, k -> new double[w.length()])[w.index(d)] += cost;
    }

    private static Map<String, Integer> ordered(Map<String, Integer> queued) {
        Map<String, Integer> out = new LinkedHashMap<>();
        RULES.forEach(r -> out.put(r, queued.get(r)));
        return out;
    }

    /**
     * Runs the tasks on the run's threads and returns their results in order. Each team's work is a few database
     * round trips in its own transaction (and each zone's read one query), so a few at once keep both the service
     * and the database busy instead of waiting on one round trip after another.
     */
    private <T> List<T> inParallel(List<Callable<T>> tasks) {
        try {
            List<T> out = new ArrayList<>(tasks.size());
            for (Future<T> f : workers.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("alert evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
