package dev.tokenwise.delivery.github;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.privacy.Pseudonymizer;
import dev.tokenwise.team.TeamService;

/**
 * Turns verified GitHub deliveries into delivery records, in one transaction per delivery (so a 2xx means
 * committed, and a failed delivery leaves no trace and can be redelivered).
 *
 * <p>
 * Records are keyed by GitHub ids and merged so that arrival order does not matter: immutable facts
 * (created_at, merged_at, author) are kept from whichever payload brings them first; changing state (labels,
 * title, closed_at) follows the payload with the newest {@code updated_at}; the review wait's start is the earliest
 * ready_for_review. Times always come from the payload.
 */
@ApplicationScoped
@Transactional
public class GitHubDeliveryService {

    public enum Outcome {
        STORED,
        DUPLICATE,
        IGNORED
    }

    static final String REVERT_PREFIX = "Revert \"";
    /** Deployment states that end a deployment; only these are kept. */
    static final Set<String> FINAL_STATES = Set.of("success", "failure", "error");

    private final DataSource ds;
    private final TeamService teams;
    private final Pseudonymizer pseudonyms;
    private final Clock clock;

    public GitHubDeliveryService(DataSource ds, TeamService teams, Pseudonymizer pseudonyms, Clock clock) {
        this.ds = ds;
        this.teams = teams;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    public Outcome handle(String deliveryId, String event, GitHubPayload p) {
        String action = p.action() == null ? "" : p.action();
        boolean used = switch (event) {
            case "ping" -> true;
            case "pull_request" -> Set.of("opened", "ready_for_review", "closed", "reopened", "labeled", "unlabeled",
                    "edited", "converted_to_draft").contains(action);
            case "pull_request_review" -> "submitted".equals(action);
            case "deployment_status" -> true;
            case "workflow_run" -> "completed".equals(action);
            case "issues" -> Set.of("opened", "labeled", "unlabeled", "closed", "reopened", "edited")
                    .contains(action);
            case "push" -> true;
            default -> false;
        };
        if (!used) {
            return Outcome.IGNORED;
        }
        GitHubPayloadLimits.check(event, p);
        try (Connection c = ds.getConnection()) {
            if (!firstTime(c, deliveryId, event)) {
                return Outcome.DUPLICATE;
            }
            if ("ping".equals(event)) {
                return Outcome.STORED;
            }
            String repo = repo(p);
            String team = teams.teamOfRepo(repo).orElse(TeamService.UNASSIGNED);
            switch (event) {
                case "pull_request" -> pullRequest(c, repo, team, action, p.pullRequest(), p.label());
                case "pull_request_review" -> review(c, repo, team, p);
                case "deployment_status" -> deploymentStatus(c, repo, team, p);
                case "workflow_run" -> workflowRun(c, repo, team, p);
                case "issues" -> issue(c, repo, team, action, p.issue(), p.label());
                case "push" -> push(c, repo, team, p);
                default -> throw new IllegalStateException(event);
            }
            return Outcome.STORED;
        } catch (SQLException e) {
            throw new IllegalStateException("Storing GitHub delivery failed", e);
        }
    }

    private boolean firstTime(Connection c, String deliveryId, String event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO github_delivery (delivery_id, event, received_at) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, deliveryId);
            ps.setString(2, event);
            ps.setObject(3, OffsetDateTime.now(clock));
            return ps.executeUpdate() == 1;
        }
    }

    // --- pull requests and reviews ------------------------------------------------------------------------------

    private void pullRequest(Connection c, String repo, String team, String action, GitHubPayload.PullRequest pr,
            GitHubPayload.Label label) throws SQLException {
        require(pr != null && pr.id() != null && pr.number() != null && pr.updatedAt() != null, "pull_request",
                "must carry id, number and updated_at");
        ensureRow(c, "INSERT INTO gh_pull_request (id, repo, pr_number, team_id) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", pr.id(), repo, pr.number(), team);
        String author;
        Instant createdAt;
        Instant readyAt;
        Instant mergedAt;
        String mergeSha;
        boolean revert;
        Instant stateAt;
        try (PreparedStatement ps = c.prepareStatement("SELECT author, created_at, ready_at, merged_at, "
                + "merge_commit_sha, is_revert, state_at FROM gh_pull_request WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, pr.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                author = rs.getString(1);
                createdAt = instant(rs, 2);
                readyAt = instant(rs, 3);
                mergedAt = instant(rs, 4);
                mergeSha = rs.getString(5);
                revert = rs.getBoolean(6);
                stateAt = instant(rs, 7);
            }
        }
        Instant t = pr.updatedAt();
        int order = stateAt == null ? 1 : t.compareTo(stateAt);
        if (author == null && pr.user() != null) {
            author = pseudonyms.pseudonym(pr.user().login());
        }
        createdAt = createdAt != null ? createdAt : pr.createdAt();
        if ("ready_for_review".equals(action) && (readyAt == null || t.isBefore(readyAt))) {
            readyAt = t;
        }
        // A merge is final (a merged PR cannot be reopened): the first merged_at seen stays.
        mergedAt = mergedAt != null ? mergedAt : pr.mergedAt();
        if (pr.mergedAt() != null && pr.mergeCommitSha() != null && (mergeSha == null || order > 0)) {
            mergeSha = pr.mergeCommitSha();
        }
        boolean titleRevert = pr.title() != null && pr.title().startsWith(REVERT_PREFIX);
        // Ties (same updated_at) are resolved so that the result does not depend on arrival order.
        revert = order > 0 ? titleRevert : order == 0 ? revert || titleRevert : revert;
        labels(c, "pr", pr.id(), order, pr.labels(), action, label);
        Instant newState = order > 0 ? t : stateAt;
        String firstReview = "SELECT MIN(submitted_at) FROM gh_review WHERE pull_request_id = ? "
                + "AND (reviewer IS NULL OR ? IS NULL OR reviewer <> ?)";
        Instant firstReviewAt;
        try (PreparedStatement ps = c.prepareStatement(firstReview)) {
            ps.setLong(1, pr.id());
            ps.setString(2, author);
            ps.setString(3, author);
            try (ResultSet rs = ps.executeQuery()) {
                firstReviewAt = rs.next() ? instant(rs, 1) : null;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE gh_pull_request SET repo = ?, pr_number = ?, "
                + "team_id = ?, author = ?, created_at = ?, ready_at = ?, merged_at = ?, merge_commit_sha = ?, "
                + "is_revert = ?, first_review_at = ?, state_at = ? WHERE id = ?")) {
            ps.setString(1, repo);
            ps.setInt(2, pr.number());
            ps.setString(3, team);
            ps.setString(4, author);
            ps.setObject(5, odt(createdAt));
            ps.setObject(6, odt(readyAt));
            ps.setObject(7, odt(mergedAt));
            ps.setString(8, mergeSha);
            ps.setBoolean(9, revert);
            ps.setObject(10, odt(firstReviewAt));
            ps.setObject(11, odt(newState));
            ps.setLong(12, pr.id());
            ps.executeUpdate();
        }
    }

    private void review(Connection c, String repo, String team, GitHubPayload p) throws SQLException {
        GitHubPayload.Review r = p.review();
        require(r != null && r.id() != null && r.submittedAt() != null, "review", "must carry id and submitted_at");
        require(p.pullRequest() != null && p.pullRequest().id() != null, "pull_request", "is required");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gh_review (id, pull_request_id, reviewer, "
                + "submitted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, r.id());
            ps.setLong(2, p.pullRequest().id());
            ps.setString(3, r.user() == null ? null : pseudonyms.pseudonym(r.user().login()));
            ps.setObject(4, odt(r.submittedAt()));
            ps.executeUpdate();
        }
        // The review payload carries a snapshot of its PR: a review arriving before "opened" creates the PR,
        // and merging the snapshot recomputes the first review by someone other than the author.
        pullRequest(c, repo, team, "review_submitted", p.pullRequest(), null);
    }

    // --- issues --------------------------------------------------------------------------------------------------

    private void issue(Connection c, String repo, String team, String action, GitHubPayload.Issue issue,
            GitHubPayload.Label label) throws SQLException {
        require(issue != null && issue.id() != null && issue.number() != null && issue.updatedAt() != null, "issue",
                "must carry id, number and updated_at");
        ensureRow(c, "INSERT INTO gh_issue (id, repo, issue_number, team_id) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", issue.id(), repo, issue.number(), team);
        String author;
        Instant createdAt;
        Instant closedAt;
        Instant stateAt;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT author, created_at, closed_at, state_at FROM gh_issue WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, issue.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                author = rs.getString(1);
                createdAt = instant(rs, 2);
                closedAt = instant(rs, 3);
                stateAt = instant(rs, 4);
            }
        }
        Instant t = issue.updatedAt();
        int order = stateAt == null ? 1 : t.compareTo(stateAt);
        if (author == null && issue.user() != null) {
            author = pseudonyms.pseudonym(issue.user().login());
        }
        createdAt = createdAt != null ? createdAt : issue.createdAt();
        if (order > 0) {
            closedAt = issue.closedAt();
        } else if (order == 0 && "closed".equals(action)) {
            closedAt = issue.closedAt();
        } else if (order == 0 && "reopened".equals(action)) {
            closedAt = null;
        }
        labels(c, "issue", issue.id(), order, issue.labels(), action, label);
        try (PreparedStatement ps = c.prepareStatement("UPDATE gh_issue SET repo = ?, issue_number = ?, team_id = ?, "
                + "author = ?, created_at = ?, closed_at = ?, state_at = ? WHERE id = ?")) {
            ps.setString(1, repo);
            ps.setInt(2, issue.number());
            ps.setString(3, team);
            ps.setString(4, author);
            ps.setObject(5, odt(createdAt));
            ps.setObject(6, odt(closedAt));
            ps.setObject(7, odt(order > 0 ? t : stateAt));
            ps.setLong(8, issue.id());
            ps.executeUpdate();
        }
    }

    /**
     * Labels follow the newest snapshot: a newer payload replaces the set, an older one changes nothing, one of
     * the same second adds its labels (and an unlabeled event of that second removes its label).
     */
    private void labels(Connection c, String kind, long id, int order, List<GitHubPayload.Label> snapshot,
            String action, GitHubPayload.Label label) throws SQLException {
        if (order < 0) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        if (snapshot != null) {
            snapshot.stream().filter(l -> l != null && l.name() != null && !l.name().isBlank())
                    .map(l -> l.name().trim().toLowerCase(Locale.ROOT)).filter(n -> n.length() <= 100)
                    .forEach(names::add);
        }
        if ("labeled".equals(action) && label != null && label.name() != null && label.name().length() <= 100) {
            names.add(label.name().trim().toLowerCase(Locale.ROOT));
        }
        if (order > 0 || "unlabeled".equals(action) && label != null && label.name() != null) {
            try (PreparedStatement ps = c.prepareStatement(order > 0
                    ? "DELETE FROM gh_label WHERE item_kind = ? AND item_id = ?"
                    : "DELETE FROM gh_label WHERE item_kind = ? AND item_id = ? AND name = ?")) {
                ps.setString(1, kind);
                ps.setLong(2, id);
                if (order == 0) {
                    String removed = label.name().trim().toLowerCase(Locale.ROOT);
                    ps.setString(3, removed);
                    names.remove(removed);
                }
                ps.executeUpdate();
            }
        }
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO gh_label (item_kind, item_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (String name : names) {
                ps.setString(1, kind);
                ps.setLong(2, id);
                ps.setString(3, name);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // --- deployments, runs, pushes -------------------------------------------------------------------------------

    private void deploymentStatus(Connection c, String repo, String team, GitHubPayload p) throws SQLException {
        GitHubPayload.DeploymentStatus s = p.deploymentStatus();
        require(s != null && s.id() != null && s.state() != null && s.createdAt() != null, "deployment_status",
                "must carry id, state and created_at");
        String state = s.state().toLowerCase(Locale.ROOT);
        if (!FINAL_STATES.contains(state)) {
            return;
        }
        String environment = s.environment() != null ? s.environment()
                : p.deployment() != null ? p.deployment().environment() : null;
        require(environment != null, "deployment_status.environment", "is required");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gh_deployment_status (id, deployment_id, repo, "
                + "team_id, environment, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, s.id());
            ps.setObject(2, p.deployment() == null ? null : p.deployment().id());
            ps.setString(3, repo);
            ps.setString(4, team);
            ps.setString(5, truncate(environment.trim().toLowerCase(Locale.ROOT), 255));
            ps.setString(6, state);
            ps.setObject(7, odt(s.createdAt()));
            ps.executeUpdate();
        }
    }

    private void workflowRun(Connection c, String repo, String team, GitHubPayload p) throws SQLException {
        GitHubPayload.WorkflowRun run = p.workflowRun();
        require(run != null && run.id() != null && run.updatedAt() != null, "workflow_run",
                "must carry id and updated_at");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gh_workflow_run (run_id, run_attempt, repo, "
                + "team_id, conclusion, completed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, run.id());
            ps.setInt(2, run.runAttempt() == null ? 1 : run.runAttempt());
            ps.setString(3, repo);
            ps.setString(4, team);
            ps.setString(5, run.conclusion() == null ? null : truncate(run.conclusion(), 32));
            ps.setObject(6, odt(run.updatedAt()));
            ps.executeUpdate();
        }
    }

    /** Only default-branch pushes whose head commit is a revert matter (rollbacks); others are not kept. */
    private void push(Connection c, String repo, String team, GitHubPayload p) throws SQLException {
        GitHubPayload.Repository r = p.repository();
        GitHubPayload.Commit head = p.headCommit();
        if (r.defaultBranch() == null || !("refs/heads/" + r.defaultBranch()).equals(p.ref()) || head == null
                || head.id() == null || head.message() == null || !head.message().startsWith(REVERT_PREFIX)) {
            return;
        }
        // The push's own time is repository.pushed_at (epoch seconds in push payloads); the commit time otherwise.
        Instant pushedAt = r.pushedAt() != null && r.pushedAt().isNumber()
                ? Instant.ofEpochSecond(r.pushedAt().asLong())
                : head.timestamp() != null ? head.timestamp().toInstant() : null;
        require(pushedAt != null, "repository.pushed_at", "is required");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gh_revert_push (repo, head_sha, team_id, "
                + "pushed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, repo);
            ps.setString(2, truncate(head.id(), 64));
            ps.setString(3, team);
            ps.setObject(4, odt(pushedAt));
            ps.executeUpdate();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static String repo(GitHubPayload p) {
        require(p.repository() != null && p.repository().fullName() != null
                && TeamService.REPO.matcher(p.repository().fullName()).matches(), "repository.full_name",
                TeamService.REPO_MESSAGE);
        return p.repository().fullName().toLowerCase(Locale.ROOT);
    }

    private static void ensureRow(Connection c, String sql, long id, String repo, int number, String team)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.setString(2, repo);
            ps.setInt(3, number);
            ps.setString(4, team);
            ps.executeUpdate();
        }
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            List<Problem.Violation> errors = new ArrayList<>();
            errors.add(new Problem.Violation(null, field, message));
            throw ProblemException.badRequest("The payload lacks what this event needs.", errors);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static OffsetDateTime odt(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
