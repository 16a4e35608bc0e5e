package dev.tokenwise.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * The "Snooze 1 day" / "Snooze 1 week" buttons of every alert. The Slack wiring hands over the button's value and
 * action_id and the clicking user's id; this records the snooze (audited) and gives back the message that replaces
 * the alert: its text, without buttons, saying who snoozed it until when.
 */
@ApplicationScoped
public class AlertSnoozeService {

    /** Rules that can be snoozed; budget covers the threshold and forecast alerts of one envelope. */
    public static final List<String> RULES = List.of("budget", "spike", "runaway");
    private static final Map<String, Duration> DURATIONS = Map.of(AlertMessages.SNOOZE_1D, Duration.ofDays(1),
            AlertMessages.SNOOZE_1W, Duration.ofDays(7));
    private static final Duration MAX = Duration.ofDays(30);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ROOT);

    /** The outcome of a click: what is snoozed until when, and the message that replaces the alert. */
    public record SnoozeResult(String rule, String teamId, String subject, Instant until, ChatMessage message) {
    }

    private final AlertStore store;
    private final TeamService teams;
    private final AuditLog audit;
    private final Clock clock;

    public AlertSnoozeService(AlertStore store, TeamService teams, AuditLog audit, Clock clock) {
        this.store = store;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    /** The button value of an alert: {@code rule|team|subject} (subject: '*', a workflow or a session id). */
    public static String value(String rule, String teamId, String subject) {
        return rule + "|" + teamId + "|" + subject;
    }

    /** The snooze length of a button's action_id ({@code tokenwise_snooze_1d} / {@code tokenwise_snooze_1w}). */
    public static Optional<Duration> durationOf(String actionId) {
        return Optional.ofNullable(DURATIONS.get(actionId));
    }

    /** True for the action_ids this service handles. */
    public static boolean handles(String actionId) {
        return DURATIONS.containsKey(actionId);
    }

    /**
     * Snoozes the alert a button belongs to for {@code duration} from now. A second click moves the end.
     *
     * @param value the button's value, {@code rule|team|subject}
     * @param slackUserId who clicked (kept in the audit log and shown in the message)
     * @throws ProblemException 400 for a malformed value or duration, 404 for an unknown team
     */
    @Transactional
    public SnoozeResult snooze(String value, Duration duration, String slackUserId) {
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
        String text = store.latest(team.id(), rules, subject).map(AlertStore.RaisedAlert::summary)
                .orElse("Tokenwise " + rule + " alert for *" + team.id() + "* · " + subject);
        String note = ":zzz: Snoozed by <@" + slackUserId + "> until " + WHEN.format(until.atZone(team.zone())) + " ("
                + team.zone().getId() + "): no " + rule + " alerts for " + ("*".equals(subject) ? "the team envelope"
                        : subject)
                + " until then.";
        return new SnoozeResult(rule, team.id(), subject, until,
                AlertMessages.snoozed(team.effectiveAlertChannel(), text, note));
    }
}
