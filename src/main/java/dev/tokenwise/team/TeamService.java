package dev.tokenwise.team;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.Workflow;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/** Teams, their settings and their repositories. Every change is audited and announced as {@link TeamChanged}. */
@ApplicationScoped
public class TeamService {

    /** docs/contract.md §10: team ids are slugs. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /**
     * {@code owner/name} (GitHub) or a GitLab path with subgroups ({@code group/sub/name}): 2 to 20 segments of
     * letters, digits, '_', '.', '-', at most 200 characters in all (the repo column); GitHub's own limits are 39
     * and 100, GitLab allows 20 levels of groups.
     */
    public static final Pattern REPO = Pattern
            .compile("(?=.{3,200}$)[A-Za-z0-9_.-]{1,100}(?:/[A-Za-z0-9_.-]{1,100}){1,19}");
    public static final String REPO_MESSAGE = "must be owner/name or group/subgroup/name: 2 to 20 segments of "
            + "letters, digits, '_', '.', '-', at most 200 characters";
    /** The largest monthly budget, team-wide or per workflow (the columns hold 12 digits before the point). */
    public static final BigDecimal MAX_BUDGET_USD = new BigDecimal("1000000000");
    /** Events that name no team and whose repository maps to none land here. */
    public static final String UNASSIGNED = "unassigned";

    private final TeamRepository teams;
    private final RepoMappingRepository repos;
    private final AuditLog audit;
    private final Event<TeamChanged> changed;
    private final Event<TeamZoneChanged> zoneChanged;
    private final Clock clock;
    private final Db db;

    public TeamService(TeamRepository teams, RepoMappingRepository repos, AuditLog audit, Event<TeamChanged> changed,
            Event<TeamZoneChanged> zoneChanged, Clock clock, Db db) {
        this.teams = teams;
        this.repos = repos;
        this.audit = audit;
        this.changed = changed;
        this.zoneChanged = zoneChanged;
        this.clock = clock;
        this.db = db;
    }

    public static boolean isSlug(String id) {
        return id != null && SLUG.matcher(id).matches();
    }

    public Optional<TeamSettings> find(String id) {
        // A string that is no slug names no team; it never reaches the database (which may refuse it: a NUL byte).
        return isSlug(id) ? teams.find(id).map(this::view) : Optional.empty();
    }

    /** A configured team, or the defaults for {@code unassigned}; 404 problem for anything else. */
    public TeamSettings require(String id) {
        return find(id).orElseGet(() -> {
            if (UNASSIGNED.equals(id)) {
                return TeamSettings.defaults(UNASSIGNED);
            }
            throw ProblemException.notFound(
                    "Team '" + id + "' is not configured. Create it with PUT /api/admin/teams/" + id + ".");
        });
    }

    public List<TeamSettings> all() {
        return teams.all().stream().map(this::view).toList();
    }

    /** The team a repository ({@code owner/name}, any case) is mapped to. */
    public Optional<String> teamOfRepo(String fullName) {
        if (fullName == null || !REPO.matcher(fullName).matches()) {
            return Optional.empty();
        }
        return repos.teamOf(fullName.toLowerCase(Locale.ROOT));
    }

    /** Creates or updates a team; absent fields keep their value (or the default for a new team). */
    public TeamSettings put(String id, TeamUpdate u, String actor) {
        requireSlug(id);
        validate(u);
        return db.transaction(() -> {
            Optional<Team> stored = teams.find(id);
            TeamSettings before = stored.map(t -> audited(view(t))).orElse(null);
            Instant now = clock.instant();
            Team old = stored.orElseGet(() -> Team.created(id, now));
            Map<String, BigDecimal> budgets = old.workflowBudgetsUsd();
            if (u.workflowBudgetsUsd() != null) {
                Map<String, BigDecimal> given = new HashMap<>();
                u.workflowBudgetsUsd().forEach((k, v) -> given.put(Workflow.parse(k).orElseThrow().id(),
                        InputLimits.normalised(v)));
                budgets = Map.copyOf(given);
            }
            Team team = new Team(id, u.channel() != null ? u.channel() : old.channel(),
                    u.alertChannel() != null ? u.alertChannel() : old.alertChannel(),
                    u.timezone() != null ? ZoneId.of(u.timezone()).getId() : old.timezone(),
                    u.digestDay() != null ? DayOfWeek.valueOf(u.digestDay().toUpperCase(Locale.ROOT)).name()
                            : old.digestDay(),
                    u.digestTime() != null ? u.digestTime() : old.digestTime(),
                    u.workingHours() != null ? u.workingHours() : old.workingHours(),
                    u.monthlyBudgetUsd() != null ? InputLimits.normalised(u.monthlyBudgetUsd())
                            : old.monthlyBudgetUsd(),
                    budgets, u.minContributors() != null ? u.minContributors() : old.minContributors(),
                    u.pulse() != null ? u.pulse() : old.pulse(),
                    u.pulseDay() != null ? DayOfWeek.valueOf(u.pulseDay().toUpperCase(Locale.ROOT)).name()
                            : old.pulseDay(),
                    u.pulseTime() != null ? u.pulseTime() : old.pulseTime(), old.createdAt(), now);
            if (stored.isPresent()) {
                teams.update(old, team);
            } else {
                teams.insert(team);
            }
            TeamSettings after = view(team);
            audit.record(actor, before == null ? "team.create" : "team.update", "team/" + id, before,
                    audited(after));
            changed.fire(new TeamChanged(id, false));
            if (!team.timezone().equals(old.timezone())) {
                zoneChanged.fire(new TeamZoneChanged(id, ZoneId.of(old.timezone()), ZoneId.of(team.timezone())));
            }
            return after;
        });
    }

    public boolean delete(String id, String actor) {
        if (!isSlug(id)) {
            return false;
        }
        return db.transaction(() -> {
            Optional<Team> team = teams.find(id);
            if (team.isEmpty()) {
                return false;
            }
            TeamSettings before = audited(view(team.get()));
            teams.delete(id);
            audit.record(actor, "team.delete", "team/" + id, before, null);
            changed.fire(new TeamChanged(id, true));
            return true;
        });
    }

    /** Maps {@code owner/name} or a GitLab path with subgroups to a team (which must exist). */
    public void mapRepo(String fullName, String teamId, String actor) {
        if (fullName == null || !REPO.matcher(fullName).matches()) {
            throw ProblemException.badRequest("The repository must be owner/name or a GitLab group/subgroup/name path.",
                    List.of(new Problem.Violation(null, "repo", REPO_MESSAGE)));
        }
        if (!isSlug(teamId)) {
            throw ProblemException.badRequest("Team ids are slugs: lower-case letters, digits and '-', up to 64.",
                    List.of(new Problem.Violation(null, "team", "must match [a-z0-9][a-z0-9-]*")));
        }
        db.transaction(() -> {
            if (!teams.exists(teamId)) {
                throw ProblemException.badRequest(
                        "Unknown team '" + teamId + "'; create it first with PUT /api/admin/teams/{team}.",
                        List.of(new Problem.Violation(null, "team", "must name an existing team")));
            }
            String key = fullName.toLowerCase(Locale.ROOT);
            String before = repos.teamOf(key).orElse(null);
            repos.put(new RepoMapping(key, teamId, clock.instant()));
            audit.record(actor, "repo.map", "repo/" + key, before == null ? null : Map.of("team", before),
                    Map.of("team", teamId));
            changed.fire(new TeamChanged(teamId, false));
        });
    }

    /**
     * A team as its audit rows record it: without its repositories, which have audit rows of their own
     * ({@code repo.map}) and would make a team with many long repository names outgrow the audit columns.
     */
    private static TeamSettings audited(TeamSettings t) {
        return new TeamSettings(t.id(), t.channel(), t.alertChannel(), t.timezone(), t.digestDay(), t.digestTime(),
                t.workingHours(), t.monthlyBudgetUsd(), t.workflowBudgetsUsd(), t.minContributors(), t.pulse(),
                t.pulseDay(), t.pulseTime(), null);
    }

    private TeamSettings view(Team t) {
        return new TeamSettings(t.id(), t.channel(), t.alertChannel(), t.timezone(), t.digestDay(), t.digestTime(),
                t.workingHours(), t.monthlyBudgetUsd(), new TreeMap<>(t.workflowBudgetsUsd()), t.minContributors(),
                t.pulse(), t.pulseDay(), t.pulseTime(), repos.reposOf(t.id()));
    }

    private static void requireSlug(String id) {
        if (!isSlug(id)) {
            throw ProblemException.badRequest("Team ids are slugs: lower-case letters, digits and '-', up to 64.",
                    List.of(new Problem.Violation(null, "team", "must match [a-z0-9][a-z0-9-]*")));
        }
    }

    private static void validate(TeamUpdate u) {
        List<Problem.Violation> errors = new ArrayList<>();
        if (u.timezone() != null) {
            try {
                // The stored id (the timezone column holds 64); region ids are at most 32, offsets shorter.
                if (ZoneId.of(u.timezone()).getId().length() > 64) {
                    throw new DateTimeException("too long");
                }
            } catch (DateTimeException e) {
                errors.add(new Problem.Violation(null, "timezone", "must be an IANA time zone such as Europe/Berlin"));
            }
        }
        if (u.digestDay() != null) {
            try {
                DayOfWeek.valueOf(u.digestDay().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.Violation(null, "digest_day", "must be a day such as MONDAY"));
            }
        }
        if (u.pulseDay() != null) {
            try {
                DayOfWeek.valueOf(u.pulseDay().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.Violation(null, "pulse_day", "must be a day such as THURSDAY"));
            }
        }
        if (u.workingHours() != null && u.workingHours().matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d")
                && u.workingHours().substring(6).compareTo(u.workingHours().substring(0, 5)) <= 0) {
            errors.add(new Problem.Violation(null, "working_hours", "must end after it starts"));
        }
        InputLimits.decimal(errors, "monthly_budget_usd", u.monthlyBudgetUsd(), BigDecimal.ZERO, false,
                MAX_BUDGET_USD, 2);
        if (u.workflowBudgetsUsd() != null) {
            Set<Workflow> seen = EnumSet.noneOf(Workflow.class);
            u.workflowBudgetsUsd().forEach((k, v) -> {
                String field = "workflow_budgets_usd." + k;
                Optional<Workflow> w = k.isBlank() ? Optional.empty() : Workflow.parse(k);
                if (w.isEmpty()) {
                    errors.add(new Problem.Violation(null, field, "unknown workflow; use one of " + Workflow.NAMES));
                } else if (!seen.add(w.get())) {
                    errors.add(new Problem.Violation(null, field, "names the workflow " + w.get().id() + " twice"));
                } else if (v == null) {
                    errors.add(new Problem.Violation(null, field, "must be a number"));
                } else {
                    InputLimits.decimal(errors, field, v, BigDecimal.ZERO, false, MAX_BUDGET_USD, 2);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The team settings have " + errors.size() + " invalid field(s).", errors);
        }
    }
}
