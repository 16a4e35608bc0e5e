package dev.tokenwise.digest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.budget.BudgetService;
import dev.tokenwise.budget.BudgetStatus;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.outbox.Outbox;
import dev.tokenwise.scorecard.ParallelReads;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.sources.CopilotFigures;
import dev.tokenwise.sources.CopilotWeek;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * The weekly digest as a use case: gather it from the scorecard of the week, the comparison figures of the week before
 * ({@link ScorecardService#comparison}), the chart's 12 weeks and the budget,
 * and queue it through the {@link DigestPublisher} exactly once per team and week.
 * <p>
 * "Once" is the database's job: every digest has the dedup key {@code digest:{team}:{week start}} (unique in
 * {@code outbox_message}), so a second trigger of the same week, a second replica or the admin API queue
 * nothing new. The week is always the last complete week relative to the clock, so a digest that fires late
 * (after downtime) covers the latest week, and older digests still waiting in the outbox are superseded.
 */
@ApplicationScoped
public class DigestService {

    public static final String KIND = "digest";
    /** The weeks of the digest's chart (docs/contract.md §9.8). */
    public static final int CHART_WEEKS = 12;
    private static final Logger LOG = Logger.getLogger(DigestService.class);

    private final TeamService teams;
    private final ScorecardService scorecards;
    private final DigestPublisher publisher;
    private final BudgetService budgets;
    private final CopilotFigures copilot;
    private final Outbox outbox;
    private final Db db;
    private final AuditLog audit;
    private final ParallelReads parallel;
    private final Clock clock;

    public DigestService(TeamService teams, ScorecardService scorecards, DigestPublisher publisher,
            BudgetService budgets, CopilotFigures copilot, Outbox outbox, Db db, AuditLog audit,
            ParallelReads parallel, Clock clock) {
        this.parallel = parallel;
        this.copilot = copilot;
        this.teams = teams;
        this.scorecards = scorecards;
        this.publisher = publisher;
        this.budgets = budgets;
        this.outbox = outbox;
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** The dedup key of a team's digest for the week starting on {@code monday}. */
    public static String dedupKey(String team, LocalDate monday) {
        return "digest:" + team + ":" + monday;
    }

    /** The last complete Monday-to-Monday week before the clock's current week, in the team's time zone. */
    public Period lastCompleteWeek(TeamSettings team) {
        LocalDate today = LocalDate.now(clock.withZone(team.zone()));
        return Period.weekOf(today, team.zone()).previous();
    }

    /**
     * This week so far, as the channel would get it ({@code /tokenwise digest [team]}): Monday up to and including
     * today, compared with the same days of last week. The channel is the team's (may be null).
     */
    public DigestInput preview(TeamSettings team) {
        LocalDate today = LocalDate.now(clock.withZone(team.zone()));
        Period week = Period.weekOf(today, team.zone());
        Period soFar = new Period(week.from(), today.plusDays(1), team.zone());
        return compose(team, soFar, true);
    }

    /** {@link #preview(TeamSettings)} of a configured team (404 problem when unknown). */
    public DigestInput preview(String teamId) {
        return preview(teams.require(teamId));
    }

    /**
     * Queues the team's digest of the last complete week unless it was queued before. Called by the weekly
     * schedule and by {@code POST /api/admin/teams/{team}/digest}.
     *
     * @param actor who asked: {@code schedule}, or the admin token's name (audited when something is queued)
     */
    public DigestOutcome postLastCompleteWeek(TeamSettings team, String actor) {
        return db.transaction(() -> post(team, actor));
    }

    private DigestOutcome post(TeamSettings team, String actor) {
        Period week = lastCompleteWeek(team);
        String key = dedupKey(team.id(), week.from());
        if (team.channel() == null || team.channel().isBlank()) {
            LOG.infof("No digest for team %s (week of %s): the team has no channel", team.id(), week.from());
            return new DigestOutcome(team.id(), week.from(), week.to(), DigestOutcome.Status.NO_CHANNEL, key, null,
                    "Team '" + team.id() + "' has no channel, so it gets no digest. Set one with PUT /api/admin/teams/"
                            + team.id() + " {\"channel\": \"C0123\"}.");
        }
        Optional<String> existing = outboxStatus(key);
        if (existing.isPresent()) {
            return already(team, week, key, existing.get());
        }
        if (!publisher.publish(key, team.id(), compose(team, week, false))) {
            // Another replica or request queued it between our check and our insert.
            return already(team, week, key, outboxStatus(key).orElse(null));
        }
        int superseded = outbox.supersedeOlder(team.id(), KIND, "digest:" + team.id() + ":", key);
        if (!"schedule".equals(actor)) {
            audit.record(actor, "digest.post", "team/" + team.id(), null, Map.of("week_start",
                    week.from().toString()));
        }
        LOG.infof("Queued the digest of team %s for the week of %s%s", team.id(), week.from(),
                superseded > 0 ? " (superseded " + superseded + " older unsent digest(s))" : "");
        return new DigestOutcome(team.id(), week.from(), week.to(), DigestOutcome.Status.QUEUED, key, "pending",
                "The digest of the week of " + week.from() + " is queued for " + team.channel() + ".");
    }

    /** The scheduled path: the team as stored now (it may have been deleted since the trigger was set). */
    public Optional<DigestOutcome> postScheduled(String teamId) {
        return db.transaction(() -> teams.find(teamId).map(t -> postLastCompleteWeek(t, "schedule")));
    }

    DigestInput compose(TeamSettings team, Period period, boolean soFar) {
        // The chart's weeks, the budget and Copilot are single reads, started first (ParallelReads runs only parts
        // that start none of their own); the two scorecards spread their own parts meanwhile.
        CompletableFuture<List<ScorecardService.WeekFigures>> weeks = soFar ? CompletableFuture.completedFuture(null)
                : parallel.start(() -> scorecards.weeks(team, weeksUpTo(period)));
        // Note: budget burn is month to date as of now, also in the digest of a past week (the month may go on).
        Instant now = clock.instant();
        CompletableFuture<BudgetStatus> budget = parallel.start(() -> budgets.status(team, now));
        CompletableFuture<Optional<CopilotWeek>> copilotWeek = parallel.start(() -> copilot.of(team.id(), period));
        Scorecard current = scorecards.scorecard(team, period);
        Scorecard previous = scorecards.comparison(team, period.previous());
        BudgetStatus b = ParallelReads.join(budget);
        return new DigestInput(team.id(), team.channel(), current, previous, soFar,
                b.hasBudget() || b.billedUsd() != null ? b : null, team.minContributors(),
                ParallelReads.join(copilotWeek).orElse(null), ParallelReads.join(weeks));
    }

    /** The {@link #CHART_WEEKS} weeks that end with {@code last}, oldest first. */
    public static List<Period> weeksUpTo(Period last) {
        List<Period> weeks = new ArrayList<>();
        Period p = last;
        for (int i = 0; i < CHART_WEEKS; i++) {
            weeks.add(0, p);
            p = p.previous();
        }
        return weeks;
    }

    private DigestOutcome already(TeamSettings team, Period week, String key, String status) {
        return new DigestOutcome(team.id(), week.from(), week.to(), DigestOutcome.Status.ALREADY_QUEUED, key, status,
                "The digest of the week of " + week.from() + " was queued before (now " + status
                        + "); it is posted once per team and week.");
    }

    private Optional<String> outboxStatus(String key) {
        return outbox.status(key);
    }
}
