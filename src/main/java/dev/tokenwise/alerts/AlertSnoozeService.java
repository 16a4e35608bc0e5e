package dev.tokenwise.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * The "Snooze 1 day" / "Snooze 1 week" buttons of every alert. The Slack wiring hands over the button's value, the
 * snooze length and the clicking user's id; this records the snooze (audited) and gives back what the message that
 * replaces the alert says: the alert's words, who snoozed it until when.
 */
@ApplicationScoped
public class AlertSnoozeService {

    /** Rules that can be snoozed; budget covers the threshold and forecast alerts of one envelope. */
    public static final List<String> RULES = List.of("budget", "spike", "runaway");
    private static final Duration MAX = Duration.ofDays(30);

    /**
     * The outcome of a click: what is snoozed until when, by whom, and the words of the alert it silences.
     *
     * @param channel the team's alert channel (may be null)
     * @param zone the team's time zone, for showing {@code until}
     * @param alertSummary the latest alert's words, or null when none is recorded
     */
    public record SnoozeResult(String rule, String teamId, String subject, Instant until, String snoozedBy,
            String channel, ZoneId zone, String alertSummary) {
    }

    private final AlertRepository store;
    private final TeamService teams;
    private final AuditLog audit;
    private final Db db;
    private final Clock clock;

    public AlertSnoozeService(AlertRepository store, TeamService teams, AuditLog audit, Db db, Clock clock) {
        this.store = store;
        this.teams = teams;
        this.audit = audit;
        this.db = db;
        this.clock = clock;
    }

    /** The button value of an alert: {@code rule|team|subject} (subject: '*', a workflow or a session id). */
    public static String value(String rule, String teamId, String subject) {
        return rule + "|" + teamId + "|" + subject;
    }

    /**
     * Snoozes the alert a button belongs to for {@code duration} from now. A second click moves the end.
     *
     * @param value the button's value, {@code rule|team|subject}
     * @param slackUserId who clicked (kept in the audit log and shown in the message)
     * @throws ProblemException 400 for a malformed value or duration, 404 for an unknown team
     */
    public SnoozeResult snooze(String value, Duration duration, String slackUserId) {
        return db.transaction(() -> snoozeInTransaction(value, duration, slackUserId));
    }

    private SnoozeResult snoozeInTransaction(String value, Duration duration, String slackUserId) {
        String[] parts = value == null ? new String[0] : value.split("\\|", 3);
        // The subject is stored (alert_snooze.subject, 200 characters; PostgreSQL cannot store a NUL).
        if (parts.length != 3 || !RULES.contains(parts[0]) || parts[2].isBlank() || parts[2].length() > 200
                || InputLimits.hasControl(parts[2])) {
            throw ProblemException.badRequest("The snooze value must be rule|team|subject with a rule among " + RULES
                    + ".", List.of(new Problem.Violation(null, "value", "must be rule|team|subject")));
        }
        if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(MAX) > 0) {
            throw ProblemException.badRequest("A snooze lasts more than 0 and at most 30 days.",
                    List.of(new Problem.Violation(null, "duration", "must be within (0, 30 days]")));
        }
        if (slackUserId == null || slackUserId.isBlank()) {
            throw ProblemException.badRequest("Who snoozed is required.",
                    List.of(new Problem.Violation(null, "user", "must be a Slack user id")));
        }
        String rule = parts[0];
        String subject = parts[2];
        TeamSettings team = teams.find(parts[1]).orElseThrow(() -> ProblemException.notFound("Team '" + parts[1]
                + "' is not configured."));
        Instant until = clock.instant().plus(duration);
        Optional<Instant> before = store.snooze(rule, team.id(), subject, until, slackUserId);
        audit.record(slackUserId, "alert.snooze", "alert/" + rule + "/" + team.id() + "/" + subject,
                before.map(b -> Map.of("snoozed_until", b.toString())).orElse(null),
                Map.of("snoozed_until", until.toString()));
        List<String> rules = rule.equals("budget") ? List.of("budget", "forecast") : List.of(rule);
        String summary = store.latest(team.id(), rules, subject).map(AlertRepository.RaisedAlert::summary).orElse(null);
        return new SnoozeResult(rule, team.id(), subject, until, slackUserId, team.effectiveAlertChannel(),
                team.zone(), summary);
    }
}
