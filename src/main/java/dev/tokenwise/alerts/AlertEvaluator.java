package dev.tokenwise.alerts;

import static dev.tokenwise.common.Figures.percent;
import static dev.tokenwise.common.Figures.usd;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import dev.tokenwise.budget.BudgetMath;
import dev.tokenwise.budget.BudgetService;
import dev.tokenwise.budget.BudgetStatus;
import dev.tokenwise.budget.SpendReader;
import dev.tokenwise.outbox.Outbox;
import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.settings.SettingsService;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * One evaluation of every alert rule of docs/contract.md §9 for the configured teams: budget thresholds and forecast, spend
 * spikes per team × workflow, runaway sessions. Spend is read from the rollups in one pass for all teams; a
 * transaction is opened only for a team where something changes, and every "once" is decided by the database
 * (see {@link AlertStore}), with the outbox dedup key as the last guard. A failure in one team is logged and the
 * others go on.
 */
@ApplicationScoped
public class AlertEvaluator {

    /** Days of history behind the spike baseline (docs/contract.md §9). */
    public static final int HISTORY_DAYS = 28;
    /** Teams evaluated (and zones read) at once; see {@link #inParallel}. */
    static final int PARALLELISM = 4;
    /** The rules as counted in {@link Result#queued()}. */
    public static final List<String> RULES = List.of("budget", "forecast", "budget_reset", "spike", "runaway");

    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class);
    private static final String TEAM_SCOPE = "*";

    /** What one evaluation did: teams evaluated and alerts queued per rule. */
    public record Result(int teams, Map<String, Integer> queued, long tookMs) {
    }

    /** A team's local calendar for this evaluation; spend is folded into days from {@code first} to {@code today}. */
    private record Window(TeamSettings team, ZoneId zone, LocalDate today, LocalDate monthFirst, LocalDate first) {
        int index(LocalDate d) {
            return (int) ChronoUnit.DAYS.between(first, d);
        }

        int length() {
            return index(today) + 1;
        }
    }

    private final TeamService teams;
    private final SettingsService settings;
    private final SpendReader spend;
    private final AlertStore store;
    private final Outbox outbox;
    private final AlertsConfig config;
    private final Clock clock;
    private final ExecutorService workers = Executors.newFixedThreadPool(PARALLELISM, r -> {
        Thread t = new Thread(r, "alert-evaluation");
        t.setDaemon(true);
        return t;
    });

    public AlertEvaluator(TeamService teams, SettingsService settings, SpendReader spend, AlertStore store,
            Outbox outbox, AlertsConfig config, Clock clock) {
        this.teams = teams;
        this.settings = settings;
        this.spend = spend;
        this.store = store;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Evaluates every configured team. */
    @ActivateRequestContext
    public Result evaluate() {
        return evaluate(teams.all());
    }

    /** Evaluates the given teams only (unknown ids are ignored). */
    @ActivateRequestContext
    public Result evaluateTeams(Collection<String> teamIds) {
        return evaluate(teamIds.stream().map(teams::find).flatMap(java.util.Optional::stream).toList());
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
        Map<String, Window> windows = new HashMap<>();
        Instant from = now;
        for (TeamSettings t : list) {
            LocalDate today = LocalDate.ofInstant(now, t.zone());
            LocalDate monthFirst = today.withDayOfMonth(1);
            LocalDate historyFirst = today.minusDays(HISTORY_DAYS);
            LocalDate first = monthFirst.isBefore(historyFirst) ? monthFirst : historyFirst;
            windows.put(t.id(), new Window(t, t.zone(), today, monthFirst, first));
            Instant start = first.atStartOfDay(t.zone()).toInstant();
            from = start.isBefore(from) ? start : from;
        }

        // Spend per team → workflow → local day over the whole window, folded by the database from the narrow
        // team-hour rollup, one query per time zone: late events and repricing count at the next run, nothing is
        // cached between runs.
        Map<String, Map<String, double[]>> daily = new HashMap<>();
        long tWindows = System.nanoTime();
        Map<ZoneId, List<String>> byZone = list.stream().collect(Collectors.groupingBy(TeamSettings::zone,
                Collectors.mapping(TeamSettings::id, Collectors.toList())));
        Instant spendFrom = from;
        List<Callable<List<SpendReader.DaySpend>>> reads = byZone.entrySet().stream()
                .map(e -> (Callable<List<SpendReader.DaySpend>>) () -> {
                    List<SpendReader.DaySpend> rows = new ArrayList<>();
                    spend.daily(e.getKey(), e.getValue(), spendFrom, now, rows::add);
                    return rows;
                }).toList();
        for (List<SpendReader.DaySpend> rows : inParallel(reads)) {
            rows.forEach(d -> add(daily, windows.get(d.teamId()), d.workflow(), d.date(), d.costUsd()));
        }

        long tSpend = System.nanoTime();
        Set<String> snoozes = store.activeSnoozes(now);
        Map<String, LocalDate> budgetMonths = new HashMap<>();
        list.stream().filter(AlertEvaluator::hasBudget)
                .forEach(t -> budgetMonths.put(t.id(), windows.get(t.id()).monthFirst()));
        Map<String, AlertStore.BudgetState> states = store.budgetStates(budgetMonths);
        Set<String> spikeKeys = store.alertKeysSince("spike", now.minus(Duration.ofDays(2)));

        inParallel(list.stream().map(t -> (Callable<Void>) () -> {
            Window w = windows.get(t.id());
            Map<String, double[]> days = daily.getOrDefault(t.id(), Map.of());
            try {
                if (budgetMonths.containsKey(t.id())) {
                    budget(w, days, now, states, snoozes, queued);
                }
                spikes(w, days, now, g, spikeKeys, snoozes, queued);
            } catch (RuntimeException e) {
                // Note: one team's failure must not stop the alerts of the others; the next run retries it.
                LOG.errorf(e, "Alert evaluation failed for team %s", t.id());
            }
            return null;
        }).toList());
        long tRules = System.nanoTime();
        try {
            runaways(windows, now, g, snoozes, queued);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Runaway-session evaluation failed");
        }
        long took = (System.nanoTime() - t0) / 1_000_000;
        LOG.debugf("Alert evaluation of %d teams took %d ms (spend %d, budget and spikes %d, runaways %d ms): %s",
                list.size(), took, (tSpend - tWindows) / 1_000_000, (tRules - tSpend) / 1_000_000,
                (System.nanoTime() - tRules) / 1_000_000, queued);
        return new Result(list.size(), ordered(queued), took);
    }

    private static Map<String, Integer> ordered(Map<String, Integer> queued) {
        Map<String, Integer> out = new LinkedHashMap<>();
        RULES.forEach(r -> out.put(r, queued.get(r)));
        return out;
    }

    /**
     * Runs the tasks on the evaluation's threads and returns their results in order. Each team's work is a few
     * database round trips in its own transaction (and each zone's read one query), so a few at once keep both the
     * service and the database busy instead of waiting on one round trip after another.
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

    private static void add(Map<String, Map<String, double[]>> daily, Window w, String workflow, LocalDate d,
            double cost) {
        if (d.isBefore(w.first()) || d.isAfter(w.today())) {
            return;
        }
        daily.computeIfAbsent(w.team().id(), k -> new HashMap<>())
                .computeIfAbsent(workflow, k -> new double[w.length()])[w.index(d)] += cost;
    }

    private static boolean hasBudget(TeamSettings t) {
        return positive(t.monthlyBudgetUsd()) || t.workflowBudgetsUsd().values().stream().anyMatch(
                AlertEvaluator::positive);
    }

    private static boolean positive(BigDecimal v) {
        return v != null && v.signum() > 0;
    }

    // ---- budget --------------------------------------------------------------------------------------------

    private void budget(Window w, Map<String, double[]> days, Instant now, Map<String, AlertStore.BudgetState> states,
            Set<String> snoozes, Map<String, Integer> queued) {
        TeamSettings t = w.team();
        Map<String, Double> monthToDate = new HashMap<>();
        int from = w.index(w.monthFirst());
        days.forEach((wf, arr) -> {
            double sum = 0;
            for (int i = from; i < arr.length; i++) {
                sum += arr[i];
            }
            monthToDate.put(wf, sum);
        });
        BudgetStatus status = BudgetService.compute(t, now, monthToDate);
        Map<String, BudgetStatus.Envelope> scopes = scopes(t, status);
        boolean firstOfMonth = !states.containsKey(t.id() + "|" + TEAM_SCOPE);
        boolean work = firstOfMonth;
        for (var e : scopes.entrySet()) {
            AlertStore.BudgetState s = states.getOrDefault(t.id() + "|" + e.getKey(),
                    new AlertStore.BudgetState(0, false));
            int target = BudgetMath.levelOf(e.getValue().spentUsd().doubleValue(), e.getValue().monthlyUsd());
            work |= target > s.levelPct() || (forecastDue(status, e.getValue(), target) && !s.forecastAlerted());
        }
        if (work) {
            QuarkusTransaction.requiringNew().run(() -> applyBudget(w, status, scopes, snoozes, queued));
        }
    }

    /** The team envelope under '*' and each workflow envelope, those that are positive. */
    private static Map<String, BudgetStatus.Envelope> scopes(TeamSettings t, BudgetStatus status) {
        Map<String, BudgetStatus.Envelope> scopes = new LinkedHashMap<>();
        if (positive(status.monthlyUsd())) {
            scopes.put(TEAM_SCOPE, status.total());
        }
        status.byWorkflow().forEach((wf, e) -> {
            if (positive(e.monthlyUsd())) {
                scopes.put(wf, e);
            }
        });
        return scopes;
    }

    private boolean forecastDue(BudgetStatus status, BudgetStatus.Envelope e, int level) {
        return e.forecastRatio() != null && e.forecastRatio() > 1 && level < 100
                && status.elapsedDays() >= config.forecastMinDays();
    }

    private void applyBudget(Window w, BudgetStatus status, Map<String, BudgetStatus.Envelope> scopes,
            Set<String> snoozes, Map<String, Integer> queued) {
        TeamSettings t = w.team();
        LocalDate month = w.monthFirst();
        if (store.ensureBudgetRow(t.id(), TEAM_SCOPE, month)) {
            Map<String, AlertStore.BudgetState> last = store.alertedScopes(t.id(), month.minusMonths(1));
            if (!last.isEmpty()) {
                String what = last.entrySet().stream().map(e -> label(e.getKey()) + " reached "
                        + (e.getValue().levelPct() > 0 ? e.getValue().levelPct() + " %" : "a forecast over 100 %"))
                        .collect(Collectors.joining(", "));
                String text = ":calendar: New month: budget alerts for *" + t.id() + "* start over for "
                        + status.month() + ". Last month " + what + ".";
                if (send(t, "alert:budget-reset:" + t.id() + ":" + status.month(), "reset", null, TEAM_SCOPE, null,
                        null, text, snoozes)) {
                    queued.merge("budget_reset", 1, Integer::sum);
                }
            }
        }
        for (var e : scopes.entrySet()) {
            String scope = e.getKey();
            BudgetStatus.Envelope env = e.getValue();
            store.ensureBudgetRow(t.id(), scope, month);
            double spent = env.spentUsd().doubleValue();
            int target = BudgetMath.levelOf(spent, env.monthlyUsd());
            // Compare-and-set from the level read: if another replica moved it meanwhile, read again and announce
            // only what is left to announce.
            for (int attempt = 0; attempt < 3; attempt++) {
                int level = store.budgetState(t.id(), scope, month).levelPct();
                if (target <= level) {
                    break;
                }
                if (store.casBudgetLevel(t.id(), scope, month, level, target)) {
                    List<Integer> crossed = BudgetMath.crossed(level, target);
                    String text = (target >= 100 ? ":rotating_light:" : ":warning:") + " Budget — " + who(t, scope)
                            + " crossed " + BudgetMath.describe(crossed) + " of its monthly envelope: "
                            + usd(spent) + " of " + usd(env.monthlyUsd().doubleValue()) + " spent in "
                            + status.month() + " (" + percent(env.usedRatio()) + "), "
                            + (env.remainingUsd().signum() >= 0 ? usd(env.remainingUsd().doubleValue()) + " left."
                                    : usd(-env.remainingUsd().doubleValue()) + " over.")
                            + (env.forecastUsd() == null ? ""
                                    : " Forecast for the month: "
                                            + usd(env.forecastUsd().doubleValue()) + ".");
                    if (send(t, "alert:budget:" + t.id() + ":" + scope + ":" + status.month() + ":" + target, "budget",
                            "budget", scope, spent, env.monthlyUsd().doubleValue(), text, snoozes)) {
                        queued.merge("budget", 1, Integer::sum);
                    }
                    break;
                }
            }
            if (forecastDue(status, env, target) && store.casForecast(t.id(), scope, month)) {
                String text = ":crystal_ball: Budget forecast — " + who(t, scope) + ": at this pace " + status.month()
                        + " ends at " + usd(env.forecastUsd().doubleValue()) + ", " + percent(env.forecastRatio())
                        + " of the " + usd(env.monthlyUsd().doubleValue()) + " envelope (" + usd(spent)
                        + " spent after " + String.format(java.util.Locale.ROOT, "%.1f", status.elapsedDays())
                        + " of " + status.daysInMonth() + " days).";
                if (send(t, "alert:forecast:" + t.id() + ":" + scope + ":" + status.month(), "forecast", "budget",
                        scope, spent, env.monthlyUsd().doubleValue(), text, snoozes)) {
                    queued.merge("forecast", 1, Integer::sum);
                }
            }
        }
    }

    private static String label(String scope) {
        return TEAM_SCOPE.equals(scope) ? "the team envelope" : scope;
    }

    private static String who(TeamSettings t, String scope) {
        return TEAM_SCOPE.equals(scope) ? "*" + t.id() + "* (team envelope)" : "*" + t.id() + "* · " + scope;
    }

    // ---- spikes --------------------------------------------------------------------------------------------

    private void spikes(Window w, Map<String, double[]> days, Instant now, GlobalSettings g, Set<String> spikeKeys,
            Set<String> snoozes, Map<String, Integer> queued) {
        int today = w.index(w.today());
        for (var e : days.entrySet()) {
            double[] arr = e.getValue();
            double[] history = java.util.Arrays.copyOfRange(arr, today - HISTORY_DAYS, today);
            SpikeMath.Check c = SpikeMath.check(arr[today], history, g.spikeFactor().doubleValue(),
                    g.spikeMadFactor().doubleValue(), g.spikeFloorUsd().doubleValue());
            String key = "alert:spike:" + w.team().id() + ":" + e.getKey() + ":" + w.today();
            if (c.spike() && !spikeKeys.contains(key)) {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (spike(w, e.getKey(), c, now, key, snoozes)) {
                        queued.merge("spike", 1, Integer::sum);
                    }
                });
            }
        }
    }

    private boolean spike(Window w, String workflow, SpikeMath.Check c, Instant now, String key, Set<String> snoozes) {
        TeamSettings t = w.team();
        Instant start = w.today().atStartOfDay(w.zone()).toInstant();
        int top = config.contextTop();
        String models = shares(spend.topOfHourly("model", t.id(), workflow, start, now, top));
        String repos = shares(spend.topOfHourly("repo", t.id(), workflow, start, now, top));
        String sessions = shares(spend.topSessions(t.id(), workflow, start, now, top));
        String text = ":chart_with_upwards_trend: Spend spike — *" + t.id() + "* · " + workflow + ": " + usd(c.today())
                + " today (since 00:00 " + w.zone().getId() + "), against a usual day of " + usd(c.median())
                + " (median of the previous " + HISTORY_DAYS + " days; a spike is above " + usd(c.threshold())
                + "). Models: " + models + ". Repositories: " + repos + ". Sessions: " + sessions + ".";
        return send(t, key, "spike", "spike", workflow, c.today(), c.threshold(), text, snoozes);
    }

    private static String shares(List<SpendReader.Share> shares) {
        if (shares.isEmpty()) {
            return "none recorded";
        }
        return shares.stream().map(s -> (s.name() == null || s.name().isEmpty() ? "(none)" : "`" + s.name() + "`")
                + " " + usd(s.costUsd())).collect(Collectors.joining(", "));
    }

    // ---- runaway sessions ----------------------------------------------------------------------------------

    private void runaways(Map<String, Window> windows, Instant now, GlobalSettings g, Set<String> snoozes,
            Map<String, Integer> queued) {
        double limitUsd = g.sessionCostUsd().doubleValue();
        double limitHours = g.sessionHours().doubleValue();
        // Within 24 h at hourly resolution: the buckets from the hour that contains now − 24 h.
        Instant from = now.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS);
        List<SpendReader.SessionActivity> over = spend.sessionsOver(windows.keySet(), from, now, limitUsd,
                (long) (limitHours * 3600));
        if (over.isEmpty()) {
            return;
        }
        Set<String> known = store.alertKeysSince("runaway", now.minus(Duration.ofDays(2)));
        for (SpendReader.SessionActivity s : over) {
            String key = "alert:runaway:" + s.teamId() + ":" + s.sessionId();
            Window w = windows.get(s.teamId());
            if (known.contains(key) || w == null) {
                continue;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (runaway(w.team(), s, from, now, limitUsd, limitHours, key, snoozes)) {
                        queued.merge("runaway", 1, Integer::sum);
                    }
                });
            } catch (RuntimeException e) {
                LOG.errorf(e, "Runaway-session alert failed for team %s", s.teamId());
            }
        }
    }

    private boolean runaway(TeamSettings t, SpendReader.SessionActivity s, Instant from, Instant now, double limitUsd,
            double limitHours, String key, Set<String> snoozes) {
        SpendReader.SessionMain main = spend.sessionMain(t.id(), s.sessionId(), from, now);
        double hours = Duration.between(s.firstAt(), s.lastAt()).toSeconds() / 3600d;
        // Note: a burn rate over less than a minute of activity would be meaningless, so it is left out.
        String burn = hours >= 1 / 60d ? " (" + usd(s.costUsd() / hours) + "/h)" : "";
        List<String> why = new ArrayList<>();
        if (s.costUsd() > limitUsd) {
            why.add("over " + usd(limitUsd));
        }
        if (hours > limitHours) {
            why.add("over " + fmt(limitHours) + " h of activity");
        }
        String text = ":fire: Runaway session — *" + t.id() + "*: session `" + s.sessionId() + "` spent "
                + usd(s.costUsd()) + " over " + fmt(hours) + " h" + burn + " in the last 24 h, "
                + String.join(" and ", why) + ". Tool " + orNone(main.tool()) + " · model " + orNone(main.model())
                + " · repository " + orNone(main.repo()) + " · workflow " + orNone(main.workflow()) + ".";
        return send(t, key, "runaway", "runaway", s.sessionId(), s.costUsd(), limitUsd, text, snoozes);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static String orNone(String v) {
        return v == null || v.isEmpty() ? "(none)" : "`" + v + "`";
    }

    // ---- delivery ------------------------------------------------------------------------------------------

    /**
     * Records the alert and, unless it is snoozed or the team has no channel, queues it. The alert_event key is
     * the cooldown; the outbox dedup key (the same string) is the final guard. True when queued.
     */
    private boolean send(TeamSettings t, String key, String rule, String snoozeRule, String subject, Double amount,
            Double baseline, String text, Set<String> snoozes) {
        boolean snoozed = snoozeRule != null && snoozes.contains(snoozeRule + "|" + t.id() + "|" + subject);
        String channel = t.effectiveAlertChannel();
        String delivery = snoozed ? "snoozed" : channel == null ? "no-channel" : "queued";
        if (!store.insertAlert(key, rule, t.id(), subject, amount, baseline, text, delivery)) {
            return false;
        }
        if (!"queued".equals(delivery)) {
            LOG.infof("Alert %s recorded but not posted: %s", key,
                    snoozed ? "snoozed" : "the team has no channel configured");
            return false;
        }
        String value = snoozeRule == null ? null : AlertSnoozeService.value(snoozeRule, t.id(), subject);
        return outbox.enqueue(key, t.id(), "alert", AlertMessages.alert(channel, text, value));
    }
}
