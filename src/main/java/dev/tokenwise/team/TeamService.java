package dev.tokenwise.team;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    private final TeamAccountRepository accounts;
    private final TeamAccounts accountSettings;
    private final AuditLog audit;
    private final Event<TeamChanged> changed;
    private final Event<TeamZoneChanged> zoneChanged;
    private final Clock clock;
    private final Db db;

    public TeamService(TeamRepository teams, RepoMappingRepository repos, TeamAccountRepository accounts,
            TeamAccounts accountSettings, AuditLog audit, Event<TeamChanged> changed, Event<TeamZoneChanged> zoneChanged,
            Clock clock, Db db) {
        this.teams = teams;
        this.repos = repos;
        this.accounts = accounts;
        this.accountSettings = accountSettings;
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
        return db.transaction(() -> save(id, u, false, actor));
    }

    /**
     * Sets a team up as a whole, the way the Slack set-up form shows it: every field as given, where an absent alert
     * channel, monthly budget or workflow budget means none (not "keep"), and the team's repositories become exactly
     * {@code repos} (mapped, moved from another team, or unmapped), each change audited, all in one transaction.
     *
     * @param repos the repositories ({@code owner/name} or GitLab paths), or null to leave them as they are
     */
    public TeamSettings setUp(String id, TeamUpdate u, List<String> repos, String actor) {
        requireSlug(id);
        validate(u);
        List<Problem.Violation> bad = repos == null ? List.of()
                : repos.stream().filter(r -> r == null || !REPO.matcher(r).matches())
                        .map(r -> new Problem.Violation(null, "repos", REPO_MESSAGE)).limit(1).toList();
        if (!bad.isEmpty()) {
            throw ProblemException.badRequest("A repository is not owner/name or a GitLab path.", bad);
        }
        return db.transaction(() -> {
            save(id, u, true, actor);
            if (repos != null && syncRepos(id, repos, actor)) {
                // Again, now that the repositories are in place: observers re-attribute their records (as mapRepo).
                changed.fire(new TeamChanged(id, false));
            }
            return view(teams.find(id).orElseThrow());
        });
    }

    /** The checks of {@link #put}, without throwing: one violation per bad field (empty when all are valid). */
    public static List<Problem.Violation> violations(TeamUpdate u) {
        return TeamChecks.violations(u);
    }

    private TeamSettings save(String id, TeamUpdate u, boolean whole, String actor) {
        Optional<Team> stored = teams.find(id);
        TeamSettings before = stored.map(t -> audited(view(t))).orElse(null);
        Instant now = clock.instant();
        Team old = stored.orElseGet(() -> Team.created(id, now));
        Map<String, BigDecimal> budgets = whole ? Map.of() : old.workflowBudgetsUsd();
        if (u.workflowBudgetsUsd() != null) {
            Map<String, BigDecimal> given = new HashMap<>();
            u.workflowBudgetsUsd().forEach((k, v) -> given.put(Workflow.parse(k).orElseThrow().id(),
                    InputLimits.normalised(v)));
            budgets = Map.copyOf(given);
        }
        Team team = new Team(id, u.channel() != null ? u.channel() : old.channel(),
                u.alertChannel() != null || whole ? u.alertChannel() : old.alertChannel(),
                u.timezone() != null ? ZoneId.of(u.timezone()).getId() : old.timezone(),
                u.digestDay() != null ? DayOfWeek.valueOf(u.digestDay().toUpperCase(Locale.ROOT)).name()
                        : old.digestDay(),
                u.digestTime() != null ? u.digestTime() : old.digestTime(),
                u.workingHours() != null ? u.workingHours() : old.workingHours(),
                u.monthlyBudgetUsd() != null || whole ? InputLimits.normalised(u.monthlyBudgetUsd())
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
        accountSettings.put(id, u);
        TeamSettings after = view(team);
        audit.record(actor, before == null ? "team.create" : "team.update", "team/" + id, before, audited(after));
        changed.fire(new TeamChanged(id, false));
        if (!team.timezone().equals(old.timezone())) {
            zoneChanged.fire(new TeamZoneChanged(id, ZoneId.of(old.timezone()), ZoneId.of(team.timezone())));
        }
        return after;
    }

    /**
     * Makes {@code wanted} the team's repositories: each one mapped or moved here, the others unmapped. True when
     * anything changed.
     */
    private boolean syncRepos(String id, List<String> wanted, String actor) {
        boolean changedAny = false;
        Set<String> keys = new TreeSet<>();
        wanted.forEach(r -> keys.add(r.toLowerCase(Locale.ROOT)));
        for (String gone : repos.reposOf(id)) {
            if (!keys.contains(gone)) {
                repos.delete(gone);
                audit.record(actor, "repo.unmap", "repo/" + gone, Map.of("team", id), null);
                changedAny = true;
            }
        }
        for (String key : keys) {
            String before = repos.teamOf(key).orElse(null);
            if (!id.equals(before)) {
                repos.put(new RepoMapping(key, id, clock.instant()));
                audit.record(actor, "repo.map", "repo/" + key, before == null ? null : Map.of("team", before),
                        Map.of("team", id));
                changedAny = true;
            }
        }
        return changedAny;
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
        return t.withRepos(null);
    }

    private TeamSettings view(Team t) {
        return new TeamSettings(t.id(), t.channel(), t.alertChannel(), t.timezone(), t.digestDay(), t.digestTime(),
                t.workingHours(), t.monthlyBudgetUsd(), new TreeMap<>(t.workflowBudgetsUsd()), t.minContributors(),
                t.pulse(), t.pulseDay(), t.pulseTime(), repos.reposOf(t.id()),
                accounts.accountsOf(t.id(), TeamAccountRepository.Kind.GITHUB_TEAM),
                accounts.accountsOf(t.id(), TeamAccountRepository.Kind.ANTHROPIC_WORKSPACE),
                accounts.accountsOf(t.id(), TeamAccountRepository.Kind.OPENAI_PROJECT));
    }

    private static void requireSlug(String id) {
        if (!isSlug(id)) {
            throw ProblemException.badRequest("Team ids are slugs: lower-case letters, digits and '-', up to 64.",
                    List.of(new Problem.Violation(null, "team", "must match [a-z0-9][a-z0-9-]*")));
        }
    }

    private static void validate(TeamUpdate u) {
        List<Problem.Violation> errors = new ArrayList<>(TeamChecks.violations(u));
        TeamAccounts.validate(errors, u);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The team settings have " + errors.size() + " invalid field(s).", errors);
        }
    }
}
