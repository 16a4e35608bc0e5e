package dev.tokenwise.slack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code /tokenwise cost-per-pr} with real figures: usage through {@code /ingest/usage}, merged PRs through the
 * signed GitHub webhook, the answer formatted for people with the change against last week.
 */
@QuarkusTest
class CostPerPrFiguresTest {

    private static final String TEAM = "slk-cpp";
    private static final String REPO = "acme/slk-cpp";

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void usage(String id, String at, String actor, double cost, Integer pr) {
        String json = "{\"id\":\"" + id + "\",\"timestamp\":\"" + at + "\",\"repo\":\"" + REPO + "\",\"model\":"
                + "\"claude-sonnet-4-5\",\"cost_usd\":" + cost + ",\"actor\":\"" + actor + "\""
                + (pr == null ? "" : ",\"pull_request\":" + pr) + "}";
        Api.ingest().contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .post("/ingest/usage").then().statusCode(202);
    }

    private static void merged(long id, int number, String author, String created, String merged) {
        GitHubHooks.post("pull_request", GitHubHooks.pullRequest("pull_request-closed-merged", "closed", REPO, id,
                number, author, "Change", created, merged, merged, "m" + id)).then().statusCode(202);
    }

    @Test
    void answersWithTheWeeksFiguresAndTheirChange() {
        Api.team(TEAM, "{\"channel\":\"C0SLKCPP\",\"timezone\":\"UTC\"}");
        Api.repo(REPO, TEAM);
        // Last week (2–9 Nov 2026): Monday to Thursday $40 over 2 merged PRs = $20.00 per PR; the weekend adds
        // $100 and one more merged PR, which "this week so far" on a Thursday must not be compared with.
        usage("cpp-0", "2026-11-07T10:00:00Z", "dan", 100, null);
        merged(9_100, 9, "dan", "2026-11-06T09:00:00Z", "2026-11-07T12:00:00Z");
        usage("cpp-1", "2026-11-03T10:00:00Z", "ann", 20, 1);
        usage("cpp-2", "2026-11-04T10:00:00Z", "bob", 10, 2);
        usage("cpp-3", "2026-11-05T10:00:00Z", "cid", 10, null);
        merged(9_101, 1, "ann", "2026-11-02T09:00:00Z", "2026-11-04T09:00:00Z");
        merged(9_102, 2, "bob", "2026-11-03T09:00:00Z", "2026-11-05T09:00:00Z");
        // This week so far (9–12 Nov): $60 over 4 merged PRs = $15.00 per PR, $30 of it linked to no PR.
        usage("cpp-4", "2026-11-10T10:00:00Z", "ann", 30, 3);
        usage("cpp-5", "2026-11-11T10:00:00Z", "bob", 20, null);
        usage("cpp-6", "2026-11-11T11:00:00Z", "cid", 10, null);
        for (int i = 0; i < 4; i++) {
            merged(9_110 + i, 10 + i, i % 2 == 0 ? "ann" : "cid", "2026-11-09T09:00:00Z", "2026-11-1" + i + "T09:00:00Z");
        }

        clock.set("2026-11-12T15:00:00Z");
        String body = SlackRequests.slashCommandBody("cost-per-pr", "C0SLKCPP", "U0CPP", "http://127.0.0.1:9/hooks/x");
        String text = SlackRequests.post(body, clock.instant()).then().statusCode(200).extract().jsonPath()
                .getString("text");
        assertThat(text, containsString("cost $60.00 (+50 % vs the same days of the week before)"));
        assertThat(text, containsString("merged PRs 4 (+100 % vs the same days of the week before)"));
        assertThat(text, containsString("cost per merged PR $15.00 (-25 % vs the same days of the week before)"));
        assertThat(text, containsString("unattributed $30.00 (50 % of the cost)"));

        // Last week, asked for by name, is complete and compared with the whole week before it (empty here), and
        // its own figures include the weekend.
        body = SlackRequests.slashCommandBody("cost-per-pr last-week", "C0SLKCPP", "U0CPP", "http://127.0.0.1:9/hooks/x");
        text = SlackRequests.post(body, clock.instant()).then().statusCode(200).extract().jsonPath().getString("text");
        assertThat(text, containsString("cost $140.00;"));
        assertThat(text, containsString("merged PRs 3;"));
    }
}
