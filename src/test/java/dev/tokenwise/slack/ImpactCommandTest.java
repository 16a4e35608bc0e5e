package dev.tokenwise.slack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.slack.render.CommandMessages;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code /tokenwise impact} with real figures: PRs labelled {@code ai-assisted}, reviewed, merged and reverted
 * through the signed GitHub webhook, usage naming two of them through {@code /ingest/usage}, then the answer over
 * signed {@code /slack/events} requests.
 */
@QuarkusTest
class ImpactCommandTest {

    private static final String TEAM = "slk-imp";
    private static final String CHANNEL = "C0SLKIMP";
    private static final String REPO = "acme/slk-imp";

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JsonPath command(String text) {
        String body = SlackRequests.slashCommandBody(text, CHANNEL, "U0IMPTEST", "http://127.0.0.1:9/hooks/unused");
        return SlackRequests.post(body, clock.instant()).then().statusCode(200).extract().jsonPath();
    }

    private static void usage(String id, String at, String actor, double cost, int pr) {
        String json = "{\"id\":\"" + id + "\",\"timestamp\":\"" + at + "\",\"repo\":\"" + REPO + "\",\"model\":"
                + "\"claude-sonnet-4-5\",\"cost_usd\":" + cost + ",\"actor\":\"" + actor + "\",\"pull_request\":" + pr
                + "}";
        Api.ingest().contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .post("/ingest/usage").then().statusCode(202);
    }

    /**
     * PR {@code number} by {@code author}: opened at {@code created}, first reviewed by {@code reviewer} at
     * {@code reviewed} (none when null), merged at {@code merged}, with {@code title}, {@code body} and labels.
     */
    private static void pr(int number, String author, String title, String body, String created, String reviewer,
            String reviewed, String merged, String... labels) {
        long id = 9_300 + number;
        if (reviewer != null) {
            ObjectNode review = GitHubHooks.fixture("pull_request_review-submitted");
            GitHubHooks.repo(review, REPO);
            ObjectNode r = (ObjectNode) review.get("review");
            r.put("id", 9_400 + number);
            r.put("submitted_at", reviewed);
            r.put("state", "approved");
            ((ObjectNode) r.get("user")).put("login", reviewer);
            ObjectNode reviewedPr = (ObjectNode) review.get("pull_request");
            GitHubHooks.setPr(reviewedPr, id, number, author, title, created, reviewed, null, null, labels);
            reviewedPr.put("body", body);
            GitHubHooks.post("pull_request_review", review).then().statusCode(202);
        }
        ObjectNode closed = GitHubHooks.pullRequest("pull_request-closed-merged", "closed", REPO, id, number, author,
                title, created, merged, merged, "m" + id, labels);
        ((ObjectNode) closed.get("pull_request")).put("body", body);
        GitHubHooks.post("pull_request", closed).then().statusCode(202);
    }

    /**
     * The week of Mon 9 Nov 2026 (UTC):
     *
     * <pre>
     * AI-assisted (label ai-assisted), by ann, bob, cid:
     *   #1 ann  cycle  4 h, review wait 1 h, "Generated with Claude Code" in the body, named by $10 of usage,
     *           reverted by #7
     *   #2 bob  cycle  6 h, review wait 2 h, named by $6 of usage
     *   #3 cid  cycle  8 h, review wait 3 h
     *   #4 ann  cycle 10 h, review wait 4 h
     *   → 4 PRs, cycle median 7.0 h, review wait median 2.5 h, 1 reverted (25 %), $16.00 attributed, $4.00 per PR;
     *     found by label 4, usage 2, body marker 1; agent claude 1
     * other, by dan, eve, fay:
     *   #5 dan  cycle 2 h, review wait 0.5 h
     *   #6 eve  cycle 3 h, review wait 1 h
     *   #7 fay  cycle 4 h, review wait 0.5 h, 'Revert "Change"', "Reverts acme/slk-imp#1"
     *   #8 dan  cycle 5 h, never reviewed
     *   → 4 PRs, cycle median 3.5 h, review wait median 0.5 h, none reverted
     * </pre>
     */
    @Test
    void comparesTheWeeksAiAssistedPrsWithTheOthers() {
        Api.team(TEAM, "{\"channel\":\"" + CHANNEL + "\",\"timezone\":\"UTC\",\"min_contributors\":3}");
        Api.repo(REPO, TEAM);
        String ai = "ai-assisted";
        pr(1, "ann", "Change", "Adds caching.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)",
                "2026-11-10T09:00:00Z", "bob", "2026-11-10T10:00:00Z", "2026-11-10T13:00:00Z", ai);
        pr(2, "bob", "Change", "Adds search.", "2026-11-10T09:00:00Z", "cid", "2026-11-10T11:00:00Z",
                "2026-11-10T15:00:00Z", ai);
        pr(3, "cid", "Change", "Adds paging.", "2026-11-11T09:00:00Z", "ann", "2026-11-11T12:00:00Z",
                "2026-11-11T17:00:00Z", ai);
        pr(4, "ann", "Change", "Adds sorting.", "2026-11-12T09:00:00Z", "bob", "2026-11-12T13:00:00Z",
                "2026-11-12T19:00:00Z", ai);
        pr(5, "dan", "Change", "Fixes a typo.", "2026-11-10T09:00:00Z", "eve", "2026-11-10T09:30:00Z",
                "2026-11-10T11:00:00Z");
        pr(6, "eve", "Change", "Bumps a version.", "2026-11-10T09:00:00Z", "fay", "2026-11-10T10:00:00Z",
                "2026-11-10T12:00:00Z");
        pr(7, "fay", "Revert \"Change\"", "Reverts acme/slk-imp#1", "2026-11-13T09:00:00Z", "dan",
                "2026-11-13T09:30:00Z", "2026-11-13T13:00:00Z");
        pr(8, "dan", "Change", "Renames a file.", "2026-11-13T09:00:00Z", null, null, "2026-11-13T14:00:00Z");
        usage("imp-1", "2026-11-10T10:30:00Z", "ann", 10, 1);
        usage("imp-2", "2026-11-10T11:30:00Z", "bob", 6, 2);

        clock.set("2026-11-18T12:00:00Z");
        JsonPath a = command("impact last-week");
        assertThat(a.getString("response_type"), equalTo("ephemeral"));
        assertThat(a.getString("text"), equalTo("AI impact · slk-imp · last week (Mon 9 Nov – Sun 15 Nov 2026 (UTC)): "
                + "AI-assisted 4 of 8 merged PRs, other 4; cycle time median 7.0 h AI-assisted vs 3.5 h other; review "
                + "wait median 2.5 h vs 0.5 h; reverted 1 of 4 (25 %) vs 0 of 4 (0 %); attributed cost $16.00 · $4.00 "
                + "per AI-assisted PR; found by label 4 · usage 2 · trailer 0 · body marker 1 · bot author 0; agents "
                + "named claude 1."));
        assertThat(a.getList("blocks.type"), equalTo(List.of("header", "section", "section", "context", "actions")));
        // The share button replays the same dates.
        assertThat(a.getString("blocks.find { it.type == 'actions' }.elements[0].value"),
                equalTo("impact slk-imp last-week:2026-11-09..2026-11-16"));

        // This week nothing has merged yet.
        JsonPath now = command("impact " + TEAM);
        assertThat(now.getString("text"), equalTo("AI impact · slk-imp · this week so far (Mon 16 Nov – Sun 22 Nov "
                + "2026 (UTC)): No PR was merged in this period, so there is nothing to compare yet."));
    }

    @Test
    void refusesToAnswerAboutAPerson() {
        Api.team(TEAM, "{\"channel\":\"" + CHANNEL + "\",\"timezone\":\"UTC\",\"min_contributors\":3}");
        for (String who : List.of("impact @U123", "impact <@U0AMY01|amy>", "impact last-week U0AMY01")) {
            JsonPath a = command(who);
            assertThat(who, a.getString("text"), equalTo(CommandMessages.personRefusal()));
            assertThat(who, a.getList("blocks.type"), equalTo(List.of("section")));
            assertThat(who, a.getString("blocks.find { it.type == 'actions' }"), nullValue());
        }
    }
}
