package dev.tokenwise.sources;

import static dev.tokenwise.sources.CopilotFake.USERS_REPORT;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.digest.DigestService;
import dev.tokenwise.slack.render.DigestMessages;
import dev.tokenwise.sources.CopilotFake.User;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.FakeUpstream;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SourcesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * GitHub Copilot as a pulled source (docs/contract.md §5.7), against a fake GitHub over real HTTP: the reports'
 * download links, the user-teams mapping by github_teams, the 5-user threshold, the seat cost booked as usage, a
 * day fetched again replacing (never adding), failures with back-off, backfill and resuming from the cursor, one
 * fetch of two at once, and the legacy metrics.
 */
@QuarkusTest
@TestProfile(SourcesProfile.class)
class CopilotSourceTest {

    /**
     * Six users in frontend (user 6 also in backend), two more in backend, one in no team. web: 6 active, 5 engaged
     * (user 3 did nothing but see suggestions), shown 86, accepted 25, lines 90, chat 6, seats 5 + ½. api: 3 users
     * (under 5: no activity kept), seats ½ + 1 + 1. unassigned: user 9, seat 1.
     */
    static final List<User> USERS = List.of(
            new User(1, 2, 10, 4, 12, 1, List.of("frontend")),
            new User(2, 3, 20, 5, 15, 0, List.of("frontend")),
            new User(3, 0, 6, 0, 0, 0, List.of("frontend")),
            new User(4, 5, 30, 9, 40, 2, List.of("frontend")),
            new User(5, 1, 8, 1, 3, 1, List.of("frontend")),
            new User(6, 4, 12, 6, 20, 2, List.of("frontend", "backend")),
            new User(7, 2, 5, 2, 7, 0, List.of("backend")),
            new User(8, 1, 4, 1, 2, 1, List.of("backend")),
            new User(9, 6, 50, 20, 80, 3, List.of()));

    @Inject
    MutableClock clock;

    @Inject
    SourcesDb sources;

    @Inject
    SourceSync sync;

    @Inject
    DigestService digests;

    FakeUpstream gh;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void reset() {
        gh = SourcesProfile.github;
        gh.reset();
        SourcesProfile.openai.reset();
        sources.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSyncBooksEachTeamsSeatsAndKeepsActivityOnlyFromFiveUsers() {
        Api.team("cp-web", "{\"github_teams\":[\"frontend\"]}");
        Api.team("cp-api", "{\"github_teams\":[\"backend\"]}");
        clock.set("2026-11-11T09:00:00Z");
        sources.coveredThrough("copilot", LocalDate.parse("2026-11-09"));
        gh.handle(CopilotFake.reports(gh, USERS));

        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(200)
                .body("source", equalTo("copilot"))
                .body("status", equalTo("synced"))
                .body("days_synced", equalTo(1))
                .body("state.covered_through", equalTo("2026-11-10"))
                .body("state.last_success_at", equalTo("2026-11-11T09:00:00Z"))
                .body("state.last_error", nullValue());

        // Seat cost = seats × 19 (copilot_seat_usd_month default) ÷ 30 days of November.
        assertEquals(List.of(
                "cp-api 2.5 1.5833 null null null null null null",
                "cp-web 5.5 3.4833 6 5 86 25 90 6",
                "unassigned 1.0 0.6333 null null null null null null"),
                sources.copilotDay(LocalDate.parse("2026-11-10")));
        assertEquals(List.of(
                "copilot-seat:2026-11-10:cp-api cp-api copilot coding copilot-seat 1.5833",
                "copilot-seat:2026-11-10:cp-web cp-web copilot coding copilot-seat 3.4833",
                "copilot-seat:2026-11-10:unassigned unassigned copilot coding copilot-seat 0.6333"),
                sources.events("copilot-seat:2026-11-10:"));
        // The seats count as spend: budgets (and with them spikes and cost per PR) read it.
        Api.reader().get("/api/teams/cp-web/budget").then().statusCode(200)
                .body("spent_usd", equalTo(3.4833f))
                .body("by_workflow.coding.spent_usd", equalTo(3.4833f));

        // The token went to the API's own origin only: never to the report host (localhost).
        String bearer = "Bearer " + SourcesProfile.GITHUB_TOKEN;
        assertEquals(bearer, gh.requests(USERS_REPORT).get(0).header("Authorization"));
        assertEquals("2022-11-28", gh.requests(USERS_REPORT).get(0).header("X-GitHub-Api-Version"));
        assertEquals(bearer, gh.requests("/files/users-2026-11-10-1.ndjson").get(0).header("Authorization"));
        assertNull(gh.requests("/files/users-2026-11-10-2.ndjson").get(0).header("Authorization"));
        assertNull(gh.requests("/files/teams-2026-11-10.ndjson").get(0).header("Authorization"));
        assertEquals("localhost", gh.requests("/files/teams-2026-11-10.ndjson").get(0).header("Host")
                .replaceAll(":\\d+$", ""));

        // The digest says Copilot's share of spend and its activity, as counts.
        String digest = DigestMessages.digest(digests.preview("cp-web")).text();
        assertTrue(digest.contains("Copilot: $3.48 (100 % of spend) · 90 lines accepted · up to 6 active users a day"),
                digest);
        String api = DigestMessages.digest(digests.preview("cp-api")).text();
        assertTrue(api.contains("Copilot: $1.58 (100 % of spend) · activity not shown (fewer than 5 Copilot users "
                + "a day)"), api);
    }

    @Test
    void aSecondSyncAddsNothingAndAFetchAgainReplacesTheDay() {
        Api.team("cp-again", "{\"github_teams\":[\"again\"]}");
        clock.set("2026-10-21T09:00:00Z");
        sources.coveredThrough("copilot", LocalDate.parse("2026-10-19"));
        List<User> six = List.of(new User(11, 1, 1, 1, 1, 0, List.of("again")),
                new User(12, 1, 1, 1, 1, 0, List.of("again")), new User(13, 1, 1, 1, 1, 0, List.of("again")),
                new User(14, 1, 1, 1, 1, 0, List.of("again")), new User(15, 1, 1, 1, 1, 0, List.of("again")),
                new User(16, 1, 1, 1, 1, 0, List.of("again")));
        gh.handle(CopilotFake.reports(gh, six));
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(200).body("days_synced", equalTo(1));
        int calls = gh.requests().size();
        // 6 seats × 19 ÷ 31 days of October = 3.6774
        Api.reader().get("/api/teams/cp-again/budget").then().statusCode(200).body("spent_usd", equalTo(3.6774f));

        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(200)
                .body("days_synced", equalTo(0))
                .body("state.covered_through", equalTo("2026-10-20"));
        assertEquals(calls, gh.requests().size(), "nothing due, nothing fetched");
        Api.reader().get("/api/teams/cp-again/budget").then().statusCode(200).body("spent_usd", equalTo(3.6774f));

        // GitHub revised the day: two users fewer. Fetched again, the day is replaced, not added to.
        gh.handle(CopilotFake.reports(gh, six.subList(0, 4)));
        Api.admin().post("/api/admin/sources/copilot/sync?from=2026-10-20").then().statusCode(200)
                .body("days_synced", equalTo(1));
        assertEquals(List.of("cp-again 4.0 2.4516 null null null null null null"),
                sources.copilotDay(LocalDate.parse("2026-10-20")));
        Api.reader().get("/api/teams/cp-again/budget").then().statusCode(200).body("spent_usd", equalTo(2.4516f));
        assertEquals(2.4516, sources.rolledUp("cp-again", "copilot"), 1e-4);
        Api.admin().get("/api/admin/audit").then().statusCode(200)
                .body("find { it.action == 'source.refetch' }.target", equalTo("source/copilot"));
        Api.admin().post("/api/admin/sources/copilot/sync?from=2020-01-01").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void anUpstreamFailureIsRecordedAndBackedOffThenTheNextRunSucceeds() {
        Api.team("cp-fail", "{\"github_teams\":[\"fail\"]}");
        clock.set("2026-09-15T09:00:00Z");
        sources.coveredThrough("copilot", LocalDate.parse("2026-09-13"));
        gh.handle(CopilotFake.reports(gh, List.of(new User(21, 1, 1, 1, 1, 0, List.of("fail")))));

        // Two 502s are retried within the run (3 attempts): the run succeeds.
        gh.failNext(2, 502, "{\"message\":\"Bad Gateway\"}");
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(200).body("days_synced", equalTo(1));
        assertEquals(3, gh.requests(USERS_REPORT).size());

        // Three 500s exhaust the attempts: the run fails, the cursor stays, the schedule backs off 15 minutes.
        clock.set("2026-09-16T09:00:00Z");
        gh.failNext(3, 500, "{\"message\":\"Server Error\"}");
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(502)
                .body("detail", containsString("answered HTTP 500 (3 attempts)"));
        Api.admin().get("/api/admin/sources").then().statusCode(200)
                .body("find { it.source == 'copilot' }.covered_through", equalTo("2026-09-14"))
                .body("find { it.source == 'copilot' }.failures", equalTo(1))
                .body("find { it.source == 'copilot' }.last_error", equalTo("GET " + gh.url()
                        + "/orgs/acme/copilot/metrics/reports/users-1-day answered HTTP 500 (3 attempts)"))
                .body("find { it.source == 'copilot' }.last_error_at", equalTo("2026-09-16T09:00:00Z"))
                .body("find { it.source == 'copilot' }.next_attempt_at", equalTo("2026-09-16T09:15:00Z"));
        int calls = gh.requests().size();
        clock.set("2026-09-16T09:10:00Z");
        assertEquals(List.of(), sync.runDue().stream().filter(o -> o.source().equals("copilot")).toList(),
                "within the back-off the schedule waits");
        assertEquals(calls, gh.requests().size());

        clock.set("2026-09-16T09:16:00Z");
        List<SourceSync.Outcome> due = sync.runDue().stream().filter(o -> o.source().equals("copilot")).toList();
        assertEquals(List.of(new SourceSync.Outcome("copilot", SourceSync.Status.SYNCED, 1,
                LocalDate.parse("2026-09-15"), null)), due);
        Api.admin().get("/api/admin/sources").then().statusCode(200)
                .body("find { it.source == 'copilot' }.last_error", nullValue())
                .body("find { it.source == 'copilot' }.failures", equalTo(0))
                .body("find { it.source == 'copilot' }.last_success_at", equalTo("2026-09-16T09:16:00Z"));
    }

    @Test
    void afterDowntimeEveryMissedDayIsFetchedOnceAndAFailedRunResumesAtTheCursor() {
        Api.team("cp-back", "{\"github_teams\":[\"back\"]}");
        sources.coveredThrough("copilot", LocalDate.parse("2026-08-13"));
        clock.set("2026-08-19T07:00:00Z");
        gh.handle(CopilotFake.reports(gh, List.of(new User(31, 1, 1, 1, 1, 0, List.of("back")))));
        // The run stops at the 16th (its report fails); the 14th and 15th are kept.
        var ok = CopilotFake.reports(gh, List.of(new User(31, 1, 1, 1, 1, 0, List.of("back"))));
        gh.handle(r -> "2026-08-16".equals(r.query().get("day"))
                ? FakeUpstream.Response.status(503, "{}")
                : ok.apply(r));
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(502)
                .body("detail", containsString("after 2 day(s)"));
        Api.admin().get("/api/admin/sources").then()
                .body("find { it.source == 'copilot' }.covered_through", equalTo("2026-08-15"));

        gh.reset();
        gh.handle(ok);
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(200).body("days_synced", equalTo(3))
                .body("state.covered_through", equalTo("2026-08-18"));
        assertEquals(List.of("2026-08-16", "2026-08-17", "2026-08-18"),
                gh.requests(USERS_REPORT).stream().map(r -> r.query().get("day")).toList());
        for (String day : List.of("2026-08-14", "2026-08-15", "2026-08-16", "2026-08-17", "2026-08-18")) {
            assertEquals(List.of("cp-back 1.0 0.6129 null null null null null null"),
                    sources.copilotDay(LocalDate.parse(day)), day);
        }
        // 5 days × 19 ÷ 31 = 3.0645, each day once
        Api.reader().get("/api/teams/cp-back/budget").then().statusCode(200).body("spent_usd", equalTo(3.0645f));
    }

    @Test
    void twoRunsAtOnceFetchOnceAndALeaseHeldElsewhereStopsTheSchedule() throws Exception {
        Api.team("cp-twice", "{\"github_teams\":[\"twice\"]}");
        clock.set("2026-07-10T09:00:00Z");
        sources.coveredThrough("copilot", LocalDate.parse("2026-07-08"));
        var reports = CopilotFake.reports(gh, List.of(new User(41, 1, 1, 1, 1, 0, List.of("twice"))));
        CountDownLatch first = new CountDownLatch(1);
        gh.handle(r -> {
            if (r.path().equals(USERS_REPORT)) {
                first.countDown();
                sleep(700); // the first run is still fetching when the second asks
            }
            return reports.apply(r);
        });
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = two.submit(
                    () -> Api.admin().post("/api/admin/sources/copilot/sync").then().extract().statusCode());
            first.await();
            Future<Integer> b = two.submit(
                    () -> Api.admin().post("/api/admin/sources/copilot/sync").then().extract().statusCode());
            List<Integer> statuses = new ArrayList<>(List.of(a.get(), b.get()));
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses);
        } finally {
            two.shutdownNow();
        }
        assertEquals(1, gh.requests(USERS_REPORT).size());
        assertEquals(List.of("cp-twice 1.0 0.6129 null null null null null null"),
                sources.copilotDay(LocalDate.parse("2026-07-09")));

        // Another replica holds the source: this one's schedule and a request fetch nothing.
        gh.reset();
        clock.set("2026-07-12T09:00:00Z");
        sources.leasedElsewhere("copilot", clock.instant().plusSeconds(600));
        assertEquals(Set.of(SourceSync.Status.BUSY), sync.runDue().stream()
                .filter(o -> o.source().equals("copilot")).map(SourceSync.Outcome::status)
                .collect(java.util.stream.Collectors.toSet()));
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(409)
                .body("type", containsString("source-busy"));
        assertEquals(List.of(), gh.requests());
        // Its lease expired (the replica died): the next run takes over.
        clock.set("2026-07-12T09:11:00Z");
        gh.handle(reports);
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(200).body("days_synced", equalTo(2));
    }

    @Test
    void aDownloadLinkToAHostNotAllowedIsNotFollowed() {
        clock.set("2026-06-10T09:00:00Z");
        sources.coveredThrough("copilot", LocalDate.parse("2026-06-08"));
        gh.handle(r -> r.path().equals(USERS_REPORT)
                ? FakeUpstream.Response.json("{\"download_links\":[\"https://collector.example.net/r.ndjson\"],"
                        + "\"report_day\":\"2026-06-09\"}")
                : FakeUpstream.Response.status(404, "{}"));
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(502)
                .body("detail", containsString("points at collector.example.net, which is not an allowed report host"));
        assertEquals(1, gh.requests().size());
        Api.admin().get("/api/admin/sources").then()
                .body("find { it.source == 'copilot' }.covered_through", equalTo("2026-06-08"));
    }

    @Test
    void theViewersReportFilesAreReadAndTheirUsersKeptOnlyAsCounts() {
        // The viewer's mock per-user report (a JSON document wrapping rows in day_totals): hubot and octocat on
        // 2026-04-25. The docs' user-teams rows are of another day, so both users are in no mapped team.
        Api.team("cp-docs", "{\"github_teams\":[\"frontend-docs\"]}");
        clock.set("2026-04-26T09:00:00Z");
        sources.coveredThrough("copilot", LocalDate.parse("2026-04-24"));
        gh.handle(r -> {
            switch (r.path()) {
                case USERS_REPORT:
                    return FakeUpstream.Response.json("{\"download_links\":[\"" + gh.localhostUrl()
                            + "/users.json\"],\"report_day\":\"2026-04-25\"}");
                case CopilotFake.TEAMS_REPORT:
                    return FakeUpstream.Response.json("{\"download_links\":[\"" + gh.localhostUrl()
                            + "/teams.ndjson\"],\"report_day\":\"2026-04-25\"}");
                case "/users.json":
                    return FakeUpstream.Response.json(CopilotFake.payload("organization-users-1-day-report.json"));
                case "/teams.ndjson":
                    return CopilotFake.ndjson(List.of(CopilotFake.payload(
                            "team-level-metrics.organization_user_teams_1_day.ndjson")));
                default:
                    return FakeUpstream.Response.status(404, "{}");
            }
        });
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(200).body("days_synced", equalTo(1));
        // 2 seats × 19 ÷ 30 days of April
        assertEquals(List.of("unassigned 2.0 1.2667 null null null null null null"),
                sources.copilotDay(LocalDate.parse("2026-04-25")));
    }

    @Test
    void theLegacyMetricsAreReadWhereTheOrganisationHasNoReports() {
        // The viewer's legacy sample: 2024-11-06 has 29 active and 29 engaged users, 2349 suggestions, 525
        // acceptances, 870 lines accepted and 261 chats. The team endpoint answers the same shape.
        Api.team("cp-legacy", "{\"github_teams\":[\"platform\"]}");
        clock.set("2024-11-07T09:00:00Z");
        sources.coveredThrough("copilot", LocalDate.parse("2024-11-05"));
        String sample = CopilotFake.payload("organization_metrics_response_sample.json");
        gh.handle(r -> r.path().equals("/orgs/acme/copilot/metrics")
                || r.path().equals("/orgs/acme/team/platform/copilot/metrics")
                        ? FakeUpstream.Response.json(sample)
                        : FakeUpstream.Response.status(404, "{\"message\":\"Not Found\"}"));
        Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(200).body("days_synced", equalTo(1));
        // 29 seats × 19 ÷ 30 = 18.3667; nobody left for "unassigned"
        assertEquals(List.of("cp-legacy 29.0 18.3667 29 29 2349 525 870 261"),
                sources.copilotDay(LocalDate.parse("2024-11-06")));
        assertEquals("2024-11-06", gh.requests("/orgs/acme/team/platform/copilot/metrics").get(0).query()
                .get("since"));
    }

    @Test
    void aSourceWithoutCredentialsIsOffAndMakesNoCall() {
        Api.admin().get("/api/admin/sources").then().statusCode(200)
                .body("source", equalTo(List.of("anthropic", "copilot", "openai")))
                .body("find { it.source == 'openai' }.enabled", equalTo(false))
                .body("find { it.source == 'openai' }.needs", equalTo("TOKENWISE_OPENAI_ADMIN_KEY"))
                .body("find { it.source == 'openai' }.covered_through", nullValue())
                .body("find { it.source == 'copilot' }.enabled", equalTo(true));
        Api.admin().post("/api/admin/sources/openai/sync").then().statusCode(409)
                .body("type", containsString("source-off"))
                .body("detail", containsString("TOKENWISE_OPENAI_ADMIN_KEY"));
        clock.set("2026-05-10T09:00:00Z");
        gh.handle(CopilotFake.reports(gh, List.of()));
        sync.runDue();
        assertEquals(List.of(), SourcesProfile.openai.requests());
        Api.admin().post("/api/admin/sources/nosuch/sync").then().statusCode(404);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
