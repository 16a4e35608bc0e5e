package dev.tokenwise.pulse;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.privacy.Pseudonymizer;
import dev.tokenwise.outbox.Outbox;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * The team pulse (docs/contract.md §9.9) as use cases: post a week's questions once, and take an answer.
 * <p>
 * <b>Once.</b> The questions of a team's week have the outbox key {@code pulse:{team}:{monday}} and open the
 * week's row in the same transaction, so the schedule, the admin API and a second replica post them once.
 * <p>
 * <b>Anonymous by construction.</b> An answer is stored as counts per question and score, and as the person-week's
 * token — a keyed one-way hash ({@link Pseudonymizer}) of team, week and Slack user — with that person's current
 * answers, so that a later click replaces the earlier one and a double click counts once. The Slack user id is
 * hashed here and never stored or logged; the tokens are deleted when the week closes ({@link PulseCloser}).
 */
@ApplicationScoped
public class PulseService {

    public static final String KIND = "pulse";
    private static final Logger LOG = Logger.getLogger(PulseService.class);

    /** What became of a request to post a week's questions. */
    public enum Posted {
        QUEUED,
        ALREADY_QUEUED,
        PULSE_OFF,
        NO_CHANNEL
    }

    public record PostOutcome(String team, LocalDate weekStart, Posted status, String dedupKey) {
    }

    /** What became of a click: recorded (first answer or a change), unchanged (same answer again), or refused. */
    public enum Answered {
        RECORDED,
        UNCHANGED,
        CLOSED
    }

    private final TeamService teams;
    private final PulseRepository repository;
    private final PulsePublisher publisher;
    private final Outbox outbox;
    private final Pseudonymizer pseudonyms;
    private final AuditLog audit;
    private final Db db;
    private final Clock clock;

    public PulseService(TeamService teams, PulseRepository repository, PulsePublisher publisher, Outbox outbox,
            Pseudonymizer pseudonyms, AuditLog audit, Db db, Clock clock) {
        this.teams = teams;
        this.repository = repository;
        this.publisher = publisher;
        this.outbox = outbox;
        this.pseudonyms = pseudonyms;
        this.audit = audit;
        this.db = db;
        this.clock = clock;
    }

    public static String dedupKey(String team, LocalDate monday) {
        return "pulse:" + team + ":" + monday;
    }

    /** The Monday of the team's current week. */
    public LocalDate currentWeek(TeamSettings team) {
        return Period.weekOf(LocalDate.now(clock.withZone(team.zone())), team.zone()).from();
    }

    /** When this week's questions are due: the team's pulse day and time of the week of {@code monday}. */
    public static Instant dueAt(TeamSettings team, LocalDate monday) {
        LocalDate day = monday.with(TemporalAdjusters.nextOrSame(team.pulseDayOfWeek()));
        return ZonedDateTime.of(LocalDateTime.of(day, team.pulseLocalTime()), team.zone()).toInstant();
    }

    /**
     * Queues this week's questions unless they were queued before ({@code POST /api/admin/teams/{team}/pulse} and the
     * schedule).
     *
     * @param actor {@code schedule}, or the admin token's name (audited when something is queued)
     */
    public PostOutcome postThisWeek(TeamSettings team, String actor) {
        return db.transaction(() -> {
            LocalDate monday = currentWeek(team);
            String key = dedupKey(team.id(), monday);
            if (!team.pulse()) {
                return new PostOutcome(team.id(), monday, Posted.PULSE_OFF, key);
            }
            if (team.channel() == null || team.channel().isBlank()) {
                return new PostOutcome(team.id(), monday, Posted.NO_CHANNEL, key);
            }
            if (outbox.status(key).isPresent()) {
                return new PostOutcome(team.id(), monday, Posted.ALREADY_QUEUED, key);
            }
            Instant closes = monday.plusWeeks(1).atStartOfDay(team.zone()).toInstant();
            if (!publisher.publish(key, new PulseInvite(team.id(), team.channel(), monday))) {
                return new PostOutcome(team.id(), monday, Posted.ALREADY_QUEUED, key);
            }
            repository.openWeek(team.id(), monday, closes);
            if (!"schedule".equals(actor)) {
                audit.record(actor, "pulse.post", "team/" + team.id(), null, Map.of("week_start", monday.toString()));
            }
            LOG.infof("Queued the pulse of team %s for the week of %s", team.id(), monday);
            return new PostOutcome(team.id(), monday, Posted.QUEUED, key);
        });
    }

    /**
     * Takes one click: {@code score} (1..5) for {@code question} of the team's week, by the Slack user {@code userId}
     * (hashed at once, never kept). A repeated click changes nothing; a different score replaces the earlier one.
     */
    public Answered answer(String teamId, LocalDate weekStart, PulseQuestion question, int score, String userId) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("score must be 1..5");
        }
        if (!TeamService.isSlug(teamId)) {
            return Answered.CLOSED;
        }
        String token = pseudonyms.pseudonym("pulse|" + teamId + "|" + weekStart + "|" + userId);
        // Note: a first answer inserts the token row; two first clicks at once collide on its key and the loser runs
        // again (db.retrying), then finds the row and is an ordinary change.
        return db.retrying(() -> {
            Optional<PulseRepository.Week> week = repository.week(teamId, weekStart);
            if (week.isEmpty() || !clock.instant().isBefore(week.get().closesAt())) {
                return Answered.CLOSED;
            }
            Optional<PulseRepository.Answers> before = repository.answersFor(token);
            if (before.isEmpty()) {
                repository.firstAnswer(token, teamId, weekStart, week.get().closesAt(), question, score);
                repository.count(teamId, weekStart, question, score, 1);
                return Answered.RECORDED;
            }
            Integer old = before.get().of(question);
            if (old != null && old == score) {
                return Answered.UNCHANGED;
            }
            if (old != null) {
                repository.count(teamId, weekStart, question, old, -1);
            }
            repository.count(teamId, weekStart, question, score, 1);
            repository.setAnswer(token, question, score);
            return Answered.RECORDED;
        });
    }

    /** A configured team (404 problem otherwise), for the admin API. */
    public TeamSettings team(String id) {
        return teams.require(id);
    }
}
