package dev.tokenwise.pulse;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import io.quarkus.scheduler.Scheduled;

/**
 * Posts each opted-in team's pulse once a week, on its {@code pulse_day} at {@code pulse_time} in its zone: every
 * {@code tokenwise.pulse.every}, the teams whose moment of this week has passed get this week's questions, which the
 * outbox key makes once-only (several replicas, restarts). A pulse missed for a whole week is not caught up.
 */
@ApplicationScoped
public class PulseScheduler {

    private static final Logger LOG = Logger.getLogger(PulseScheduler.class);

    private final TeamService teams;
    private final PulseService pulses;
    private final Clock clock;

    public PulseScheduler(TeamService teams, PulseService pulses, Clock clock, PulseConfig config) {
        LOG.debugf("Team pulse: due pulses are queued every %s", config.every());
        this.teams = teams;
        this.pulses = pulses;
        this.clock = clock;
    }

    @Scheduled(every = "${tokenwise.pulse.every}", concurrentExecution = SKIP, identity = "pulse-dispatch")
    void run() {
        dispatch();
    }

    /** Queues the due pulses; returns how many were queued now. */
    public int dispatch() {
        int queued = 0;
        Instant now = clock.instant();
        for (TeamSettings team : teams.all()) {
            if (!team.pulse() || team.channel() == null) {
                continue;
            }
            try {
                LocalDate monday = pulses.currentWeek(team);
                if (!now.isBefore(PulseService.dueAt(team, monday))
                        && pulses.postThisWeek(team, "schedule").status() == PulseService.Posted.QUEUED) {
                    queued++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "The pulse of team %s could not be queued", team.id());
            }
        }
        return queued;
    }
}
