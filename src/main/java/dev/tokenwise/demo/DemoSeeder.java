package dev.tokenwise.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.tokenwise.agent.AgentError;
import dev.tokenwise.agent.AgentEventRepository;
import dev.tokenwise.agent.ErrorClass;
import dev.tokenwise.agent.SessionDay;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.security.TokenwiseConfig;
import dev.tokenwise.digest.DigestService;
import dev.tokenwise.github.GitHubEventRouter;
import dev.tokenwise.github.GitHubPayload;
import dev.tokenwise.github.GitHubPayload.Label;
import dev.tokenwise.github.GitHubPayload.PullRequest;
import dev.tokenwise.github.GitHubPayload.Repository;
import dev.tokenwise.github.GitHubPayload.User;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamUpdate;
import dev.tokenwise.usage.UsageEvent;
import dev.tokenwise.usage.UsageEvents;
import dev.tokenwise.usage.UsageWriter;
import io.quarkus.runtime.StartupEvent;

/**
 * Demo mode ({@code TOKENWISE_DEMO=true}): at start-up, three teams with six weeks of realistic synthetic AI usage
 * and GitHub delivery history, fed through the same ingest paths as real data, and each team's last weekly digest
 * queued at once (visible in the log and {@code GET /api/admin/outbox}). Runs once: it does nothing when the
 * {@code payments} team exists. Actors and logins are invented; like real ones they are stored as pseudonyms.
 */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
    private static final String ACTOR = "demo";
    private static final int WEEKS = 6;

    /** A demo team: its settings, repositories, head count and how busy and costly its agents are. */
    record DemoTeam(String id, String channel, String zone, int budget, List<String> repos, int people,
            double eventsPerPersonDay, double opusShare) {
    }

    static final List<DemoTeam> TEAMS = List.of(
            new DemoTeam("payments", "C0DEMOPAYMENTS", "Europe/Berlin", 4000, List.of("acme/payments-api",
                    "acme/payments-web"), 7, 22, 0.15),
            new DemoTeam("platform", "C0DEMOPLATFORM", "America/New_York", 3000, List.of("acme/infra",
                    "acme/ci-tools"), 5, 16, 0.05),
            new DemoTeam("mobile", "C0DEMOMOBILE", "UTC", 1500, List.of("acme/mobile-app"), 4, 12, 0.0));

    private static final String[] WORKFLOWS = { "coding", "coding", "coding", "testing", "review", "docs", "triage",
            "migration" };
    private static final String[] TOOLS = { "claude-code", "claude-code", "cursor", "copilot", "codex" };

    private final TokenwiseConfig config;
    private final TeamService teams;
    private final UsageEvents usageEvents;
    private final UsageWriter usage;
    private final AgentEventRepository agents;
    private final Db db;
    private final GitHubEventRouter github;
    private final DigestService digests;
    private final Clock clock;

    public DemoSeeder(TokenwiseConfig config, TeamService teams, UsageEvents usageEvents, UsageWriter usage,
            AgentEventRepository agents, Db db, GitHubEventRouter github, DigestService digests, Clock clock) {
        this.config = config;
        this.teams = teams;
        this.usageEvents = usageEvents;
        this.usage = usage;
        this.agents = agents;
        this.db = db;
        this.github = github;
        this.digests = digests;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent ev) {
        if (config.demo()) {
            seed();
        }
    }

    /** Seeds the demo teams unless they exist; returns whether it seeded. */
    public boolean seed() {
        if (teams.find("payments").isPresent()) {
            LOG.info("Demo mode: team 'payments' exists, nothing seeded");
            return false;
        }
        long started = System.nanoTime();
        Random random = new Random(42);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        int events = 0;
        int prs = 0;
        for (DemoTeam t : TEAMS) {
            teams.put(t.id(), new TeamUpdate(t.channel(), null, t.zone(), "MONDAY", "09:00", "09:00-18:00",
                    BigDecimal.valueOf(t.budget()), Map.of("coding", BigDecimal.valueOf(t.budget() * 0.6)), 3, true,
                    null, null, null, null, null),
                    ACTOR);
            t.repos().forEach(r -> teams.mapRepo(r, t.id(), ACTOR));
            prs += delivery(t, random, now);
            events += usage(t, random, now);
            digests.postLastCompleteWeek(teams.require(t.id()), ACTOR);
        }
        LOG.infof("Demo mode: seeded %d teams, %d usage events and %d pull requests in %d ms; their last weekly "
                + "digests are in GET /api/admin/outbox", TEAMS.size(), events, prs,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return true;
    }

    /** Working-hours agent sessions of every person on every working day of the last weeks. */
    private int usage(DemoTeam t, Random random, Instant now) {
        ZoneId zone = ZoneId.of(t.zone());
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<UsageEvent> batch = new ArrayList<>();
        List<SessionDay> days = new ArrayList<>();
        List<AgentError> errors = new ArrayList<>();
        int count = 0;
        for (LocalDate day = today.minusWeeks(WEEKS); !day.isAfter(today); day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            for (int person = 0; person < t.people(); person++) {
                if (weekend && random.nextDouble() > 0.1) {
                    continue;
                }
                int n = (int) Math.round(t.eventsPerPersonDay() * (0.5 + random.nextDouble()));
                String session = t.id() + "-" + day + "-" + person;
                String workflow = WORKFLOWS[random.nextInt(WORKFLOWS.length)];
                String tool = TOOLS[random.nextInt(TOOLS.length)];
                String repo = t.repos().get(random.nextInt(t.repos().size()));
                // Most sessions work for a pull request; a quarter explore and merge nothing (unattributed).
                Integer pr = random.nextDouble() < 0.75 ? 1 + random.nextInt(400) : null;
                Instant start = day.atTime(LocalTime.of(9, 0)).atZone(zone).toInstant()
                        .plus(Duration.ofMinutes(random.nextInt(8 * 60)));
                for (int i = 0; i < n; i++) {
                    Instant at = start.plus(Duration.ofMinutes(i * 3L));
                    if (at.isAfter(now)) {
                        break;
                    }
                    String model = random.nextDouble() < t.opusShare() ? "claude-opus-4-1"
                            : "copilot".equals(tool) ? "gpt-5" : "claude-sonnet-4-5";
                    long input = 2_000 + random.nextInt(20_000);
                    batch.add(usageEvents.create(new UsageEvents.Input("demo-" + session + "-" + i, at, null, repo,
                            workflow, tool, model, input, input * (3 + random.nextInt(8)), input / 4,
                            500 + random.nextInt(4_000), random.nextInt(800), null, session, pr,
                            "demo-person-" + t.id() + "-" + person, "usage")));
                }
                if (n > 0 && !start.isAfter(now) && ("claude-code".equals(tool) || "codex".equals(tool))) {
                    agentEvents(t, day, tool, session, batch.get(batch.size() - 1), random, days, errors);
                }
            }
            if (batch.size() > 2_000) {
                count += flush(batch, days, errors);
            }
        }
        return count + flush(batch, days, errors);
    }

    /**
     * The events side of an agent that sends them (docs/contract.md §7.6): the session counts as one that sent
     * events, and now and then it hit a rate limit, an overloaded vendor or a server error.
     */
    private static void agentEvents(DemoTeam t, LocalDate day, String tool, String session, UsageEvent last,
            Random random, List<SessionDay> days, List<AgentError> errors) {
        days.add(new SessionDay(t.id(), day, tool, session, last.actor()));
        double roll = random.nextDouble();
        ErrorClass failure = roll < 0.08 ? ErrorClass.RATE_LIMIT
                : roll < 0.11 ? ErrorClass.OVERLOADED
                        : roll < 0.12 ? ErrorClass.SERVER : null;
        if (failure != null) {
            Integer status = failure == ErrorClass.RATE_LIMIT ? 429 : failure == ErrorClass.OVERLOADED ? 529 : 500;
            errors.add(new AgentError("demo-" + session, last.occurredAt(), t.id(), tool, failure, status, session));
        }
    }

    private int flush(List<UsageEvent> batch, List<SessionDay> days, List<AgentError> errors) {
        int n = batch.size();
        if (n > 0) {
            usage.write(List.copyOf(batch));
            batch.clear();
        }
        if (!days.isEmpty()) {
            db.transaction(() -> agents.write(errors, days, List.of()));
            days.clear();
            errors.clear();
        }
        return n;
    }

    /** Pull requests, reviews, deployments, CI runs and issues, as GitHub would deliver them. */
    private int delivery(DemoTeam t, Random random, Instant now) {
        int prs = 0;
        long id = Math.abs((long) t.id().hashCode()) * 1_000_000L;
        Instant from = now.minus(Duration.ofDays(7L * WEEKS));
        Instant last = now.minus(Duration.ofHours(6));
        for (Instant created = from; created.isBefore(last); created = created
                .plus(Duration.ofMinutes(240 + random.nextInt(600)))) {
            String repo = t.repos().get(random.nextInt(t.repos().size()));
            Repository r = new Repository(repo, "main", null);
            long prId = ++id;
            int number = (int) (prId % 100_000);
            User author = new User("demo-dev-" + t.id() + "-" + random.nextInt(t.people()));
            User reviewer = new User("demo-dev-" + t.id() + "-" + random.nextInt(t.people()) + "-r");
            boolean ai = random.nextDouble() < 0.5;
            // Half of the AI-assisted PRs are labelled, the others carry Claude Code's line in their body.
            List<Label> labels = ai && random.nextBoolean() ? List.of(new Label("ai-assisted")) : List.of();
            String body = ai && labels.isEmpty() ? "Demo change.\n\n" + CLAUDE_CODE_LINE : "Demo change.";
            boolean revert = random.nextDouble() < 0.03;
            String title = revert ? "Revert \"Change " + (number - 1) + "\"" : "Change " + number;
            Instant reviewed = created.plus(Duration.ofMinutes(30 + random.nextInt(20 * 60)));
            Instant merged = reviewed.plus(Duration.ofMinutes(20 + random.nextInt(3 * 24 * 60)));
            boolean isMerged = random.nextDouble() < 0.85 && merged.isBefore(now);
            deliver(t, "pull_request", new GitHubPayload("opened", r, new PullRequest(prId, number, title, author,
                    created, created, null, null, labels, body, null), null, null, null, null, null, null, null, null,
                    null));
            if (reviewed.isBefore(now)) {
                deliver(t, "pull_request_review", new GitHubPayload("submitted", r, new PullRequest(prId, number,
                        title, author, created, reviewed, null, null, labels, body, null),
                        new GitHubPayload.Review(prId * 10, reviewer, reviewed, "approved"), null, null, null, null,
                        null, null, null, null));
            }
            if (isMerged) {
                prs++;
                String sha = Long.toHexString(prId) + "merge";
                deliver(t, "pull_request", new GitHubPayload("closed", r, new PullRequest(prId, number, title, author,
                        created, merged, merged, sha, labels, body, null), null, null, null, null, null, null, null,
                        null, null));
                Instant deployed = merged.plus(Duration.ofMinutes(30 + random.nextInt(240)));
                if (deployed.isBefore(now) && random.nextDouble() < 0.6) {
                    String state = random.nextDouble() < 0.12 ? "failure" : "success";
                    deliver(t, "deployment_status", new GitHubPayload("created", r, null, null, null, null,
                            new GitHubPayload.DeploymentStatus(prId * 10 + 1, state, "production", deployed), null,
                            null, null, null, null));
                }
                int attempt = random.nextDouble() < 0.15 ? 2 : 1;
                deliver(t, "workflow_run", new GitHubPayload("completed", r, null, null, null, null, null, null,
                        new GitHubPayload.WorkflowRun(prId * 10 + 2, attempt, "success", merged), null, null, null));
            }
            if (random.nextDouble() < 0.08) {
                String kind = random.nextDouble() < 0.7 ? "bug" : "incident";
                Instant opened = created.plus(Duration.ofHours(random.nextInt(48)));
                if (opened.isBefore(now)) {
                    Instant closed = opened.plus(Duration.ofMinutes(60 + random.nextInt(24 * 60)));
                    GitHubPayload.Issue issue = new GitHubPayload.Issue(prId * 10 + 3, number, author, opened,
                            closed.isBefore(now) ? closed : opened, closed.isBefore(now) ? closed : null,
                            List.of(new Label(kind)));
                    deliver(t, "issues", new GitHubPayload(closed.isBefore(now) ? "closed" : "opened", r, null, null,
                            issue, null, null, null, null, null, null, null));
                }
            }
        }
        return prs;
    }

    private int deliveries;

    /** The line Claude Code writes into the PR bodies it opens (an AI marker, docs/contract.md §6.2). */
    private static final String CLAUDE_CODE_LINE = "🤖 Generated with [Claude Code](https://claude.ai/code)";

    private void deliver(DemoTeam t, String event, GitHubPayload payload) {
        github.handle("demo-" + t.id() + "-" + (++deliveries), event, payload);
    }
}
