package dev.tokenwise.digest;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.SqlDialect;
import dev.tokenwise.team.TeamChanged;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps one Quartz cron trigger per team with a channel, firing at the team's {@code digest_day} and
 * {@code digest_time} in its time zone (Quartz applies the zone's DST rules). Teams without a channel have no
 * trigger. A team change is applied once committed, so a new schedule takes effect without a restart; at
 * start-up every team is reconciled.
 * <p>
 * On PostgreSQL the job store is JDBC and clustered: the triggers live in the {@code qrtz_*} tables, every
 * replica reconciles the same rows, and each firing runs on one replica only. A trigger whose schedule did not
 * change is left alone, so a firing missed while every replica was down is still recorded as a misfire and
 * fires once at start ("fire once now"). The in-memory store (H2) forgets triggers on restart, so there the
 * start-up reconciliation itself catches up the latest missed digest.
 */
@ApplicationScoped
public class DigestScheduler {

    static final String GROUP = "tokenwise-digest";
    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);

    private final Instance<Scheduler> quartz;
    private final Db db;
    private final TeamService teams;
    private final DigestService digests;
    private final Clock clock;
    private final DigestConfig config;

    public DigestScheduler(Instance<Scheduler> quartz, Db db, TeamService teams, DigestService digests, Clock clock,
            DigestConfig config) {
        this.quartz = quartz;
        this.db = db;
        this.teams = teams;
        this.digests = digests;
        this.clock = clock;
        this.config = config;
    }

    /** The cron expression of a team's digest: second, minute, hour, any day of month, every month, weekday. */
    public static String cron(TeamSettings team) {
        return "0 " + team.digestLocalTime().getMinute() + " " + team.digestLocalTime().getHour() + " ? * "
                + team.digestDayOfWeek().name().substring(0, 3).toUpperCase(Locale.ROOT);
    }

    /** The trigger of a team's digest; pure, so tests can ask it for fire times. */
    public static CronTrigger trigger(TeamSettings team) {
        return TriggerBuilder.newTrigger().withIdentity(team.id(), GROUP).forJob(team.id(), GROUP)
                .withDescription("Weekly digest of team " + team.id())
                .withSchedule(CronScheduleBuilder.cronSchedule(cron(team))
                        .inTimeZone(TimeZone.getTimeZone(team.zone()))
                        // After downtime: fire once as soon as possible, not once per missed week.
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    void onStart(@Observes StartupEvent event) {
        reconcileAll();
    }

    void onTeamChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TeamChanged change) {
        // Note: this runs after the team's transaction committed; its own work needs a fresh transaction
        // (the JDBC job store writes the qrtz_* tables in it).
        try {
            db.newTransaction(() -> {
                Optional<TeamSettings> team = change.deleted() ? Optional.empty() : teams.find(change.teamId());
                apply(change.teamId(), team.orElse(null));
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not reschedule the digest of team %s; it is reconciled at the next start",
                    change.teamId());
        }
    }

    /** Brings the triggers in line with the teams; at start-up also catches up a missed digest (memory store). */
    public void reconcileAll() {
        Scheduler scheduler = scheduler().orElse(null);
        if (scheduler == null) {
            return;
        }
        db.newTransaction(() -> {
            try {
                if (config.paused()) {
                    // Note: pausing the group also pauses every trigger added to it later.
                    scheduler.pauseTriggers(GroupMatcher.triggerGroupEquals(GROUP));
                }
                Set<String> wanted = new HashSet<>();
                for (TeamSettings team : teams.all()) {
                    apply(team.id(), team);
                    if (hasChannel(team)) {
                        wanted.add(team.id());
                    }
                }
                for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                    if (!wanted.contains(key.getName())) {
                        scheduler.deleteJob(key);
                    }
                }
                LOG.infof("Weekly digests scheduled for %d team(s)", wanted.size());
            } catch (SchedulerException e) {
                throw new IllegalStateException("Could not reconcile the digest schedule", e);
            }
        });
        if (!persistentStore(db.dialect()) && !config.paused()) {
            catchUp();
        }
    }

    /**
     * Queues, for every team whose latest digest time has passed, the digest of the last complete week if it
     * is not in the outbox yet. With the in-memory store this is how a digest missed during downtime still goes
     * out (once: the dedup key). Returns how many were queued.
     */
    public int catchUp() {
        int queued = 0;
        for (TeamSettings team : teams.all()) {
            try {
                if (catchUp(team)) {
                    queued++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Catching up the digest of team %s failed", team.id());
            }
        }
        return queued;
    }

    /** {@link #catchUp()} for one team: true when its digest was queued now. */
    public boolean catchUp(TeamSettings team) {
        return hasChannel(team) && dueThisWeek(team, clock.instant())
                && digests.postLastCompleteWeek(team, "schedule").status() == DigestOutcome.Status.QUEUED;
    }

    /**
     * True when the team's digest time in the current week (Monday-based, team's zone) is at or before
     * {@code now}: from then on, the last complete week's digest is due.
     */
    static boolean dueThisWeek(TeamSettings team, Instant now) {
        ZonedDateTime local = now.atZone(team.zone());
        LocalDate monday = local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate day = monday.plusDays(team.digestDayOfWeek().getValue() - 1L);
        ZonedDateTime due = day.atTime(team.digestLocalTime()).atZone(team.zone());
        return !due.toInstant().isAfter(now);
    }

    /** The trigger of a team as Quartz holds it, or empty (no channel, unknown team, no scheduler). */
    public Optional<CronTrigger> triggerOf(String teamId) {
        return scheduler().flatMap(s -> {
            try {
                return Optional.ofNullable((CronTrigger) s.getTrigger(TriggerKey.triggerKey(teamId, GROUP)));
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void apply(String teamId, TeamSettings team) {
        Scheduler scheduler = scheduler().orElse(null);
        if (scheduler == null) {
            return;
        }
        try {
            JobKey jobKey = JobKey.jobKey(teamId, GROUP);
            if (team == null || !hasChannel(team)) {
                if (scheduler.deleteJob(jobKey)) {
                    LOG.infof("Weekly digest of team %s unscheduled (%s)", teamId,
                            team == null ? "team deleted" : "no channel");
                }
                return;
            }
            CronTrigger wanted = trigger(team);
            Trigger current = scheduler.getTrigger(wanted.getKey());
            if (current instanceof CronTrigger c && c.getCronExpression().equals(wanted.getCronExpression())
                    && c.getTimeZone().getID().equals(wanted.getTimeZone().getID())) {
                return; // unchanged: keep its state (next and missed fire times)
            }
            JobDetail job = JobBuilder.newJob(DigestJob.class).withIdentity(jobKey)
                    .withDescription("Weekly digest of team " + teamId).storeDurably().build();
            scheduler.scheduleJob(job, Set.of(wanted), true);
            LOG.infof("Weekly digest of team %s scheduled: %s %s in %s, next at %s", teamId, team.digestDay(),
                    team.digestTime(), team.timezone(), wanted.getFireTimeAfter(Date.from(clock.instant())));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not schedule the digest of team " + teamId, e);
        }
    }

    private static boolean hasChannel(TeamSettings team) {
        return team.channel() != null && !team.channel().isBlank();
    }

    private Optional<Scheduler> scheduler() {
        try {
            return Optional.of(quartz.get());
        } catch (RuntimeException e) {
            // Note: the Quartz scheduler is absent when quarkus.scheduler.enabled=false.
            LOG.warnf("Quartz is not available, weekly digests are not scheduled: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Whether the Quartz job store outlives a restart. The build couples the two: the pom's postgresql profile
     * sets {@code tokenwise.quartz.store-type=jdbc-cmt} (clustered) and the default H2 build {@code ram}, both
     * build-time properties like the db-kind itself, so the dialect says which store the service was built with.
     */
    static boolean persistentStore(SqlDialect dialect) {
        return dialect.postgres();
    }
}
