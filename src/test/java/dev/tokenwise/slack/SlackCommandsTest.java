package dev.tokenwise.slack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * {@code /tokenwise} over real HTTP, signed as Slack signs: help, cost-per-pr, and every way a question can be
 * wrong (unknown team, period, subcommand, bad syntax, a person). No Slack credentials: answers are in the ack.
 */
@QuarkusTest
class SlackCommandsTest {

    static final String TEAM = "slk-cmd-payments";
    static final String CHANNEL = "CSLKCMD01";

    @Inject
    MutableClock clock;

    @BeforeEach
    void teams() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        Api.team(TEAM, "{\"channel\":\"" + CHANNEL + "\",\"timezone\":\"Europe/Berlin\"}");
        Api.team("slk-cmd-platform", "{\"channel\":\"CSLKCMD02\"}");
        Api.team("slk-cmd-team2", "{}");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    JsonPath command(String text) {
        return command(text, CHANNEL);
    }

    JsonPath command(String text, String channel) {
        String body = SlackRequests.slashCommandBody(text, channel, "U0CMDTEST", "http://127.0.0.1:9/hooks/unused");
        return SlackRequests.post(body, clock.instant()).then().statusCode(200).contentType(containsString("application/json"))
                .extract().jsonPath();
    }

    /** All visible text of an answer: the fallback text and every block's text and fields. */
    static String visible(JsonPath answer) {
        return answer.getString("text") + " " + answer.getString("blocks");
    }

    @Test
    void helpListsTheCommandsEphemerally() {
        JsonPath a = command("help");
        assertThat(a.getString("response_type"), equalTo("ephemeral"));
        assertThat(visible(a), containsString("/tokenwise cost-per-pr [team] [period]"));
        assertThat(visible(a), containsString("this-week"));
        assertThat(visible(a), containsString("never for a person"));
        // An empty command is help too.
        assertThat(visible(command("")), containsString("cost-per-pr"));
    }

    @Test
    void costPerPrDefaultsToTheChannelsTeamAndOffersToShare() {
        clock.set("2026-11-12T10:00:00Z");
        JsonPath a = command("cost-per-pr");
        String v = visible(a);
        assertThat(v, containsString("Cost per merged PR · " + TEAM + " · this week so far"));
        assertThat(v, containsString("Mon 9 Nov – Sun 15 Nov 2026 (Europe/Berlin)"));
        assertThat(v, containsString("Unattributed"));
        // No usage and no merge in this team: every figure is known.
        assertThat(a.getString("text"), equalTo("Cost per merged PR · " + TEAM + " · this week so far (Mon 9 Nov – "
                + "Sun 15 Nov 2026 (Europe/Berlin)): cost $0.00; merged PRs 0; cost per merged PR n/a (no PR merged); "
                + "unattributed $0.00."));
        assertThat(a.getString("response_type"), equalTo("ephemeral"));
        assertThat(a.getString("blocks.find { it.type == 'actions' }.elements[0].action_id"),
                equalTo("tokenwise_share"));
        assertThat(a.getString("blocks.find { it.type == 'actions' }.elements[0].value"),
                equalTo("cost-per-pr " + TEAM + " this-week:2026-11-09..2026-11-16"));
    }

    @Test
    void costPerPrTakesTeamAndPeriodInAnyOrder() {
        clock.set("2026-11-12T10:00:00Z");
        String v = visible(command("cost-per-pr last-month slk-cmd-platform", "CNOTEAM"));
        assertThat(v, containsString("slk-cmd-platform · last month"));
        assertThat(v, containsString("Thu 1 Oct – Sat 31 Oct 2026 (UTC)"));
        assertThat(visible(command("cost-per-pr 7d")), containsString("the last 7 days"));
        // A team id with digits is a team, not a period.
        assertThat(visible(command("cost-per-pr 30d slk-cmd-team2")), containsString("slk-cmd-team2 · the last 30 days"));
    }

    @Test
    void aPersonGetsThePolicyAndNoFigure() {
        for (String who : new String[] { "<@U012ABCDEF|amy>", "@amy", "U012ABCDEF", "<@W0ABCDEFG>" }) {
            JsonPath a = command("cost-per-pr " + who);
            String v = visible(a);
            assertThat(who, v, containsString("can't answer that about a person"));
            assertThat(who, v, containsString("never for a person"));
            assertThat(who, v, not(containsString("$")));
            assertThat(a.getString("blocks.find { it.type == 'actions' }"), nullValue());
            // The refusal itself, and no share button after it.
            assertThat(who, a.getList("blocks.type"), equalTo(List.of("section")));
        }
    }

    @Test
    void aNameThatIsNoTeamGetsThePolicyAndTheTeams() {
        String v = visible(command("cost-per-pr alice"));
        assertThat(v, containsString("I don't know a team called `alice`"));
        assertThat(v, containsString("never about a person"));
        // The first 30 teams by id, as the admin API lists them: other test classes create teams too, so this
        // test's own team is only certain to be named while there are few.
        List<String> ids = Api.admin().get("/api/admin/teams").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class);
        assertThat(ids.contains(TEAM), equalTo(true));
        String listed = ids.stream().limit(30).map(i -> "`" + i + "`").collect(Collectors.joining(", "));
        assertThat(v, containsString("Teams: " + listed + "."));
        assertThat(v, not(containsString("$")));
    }

    @Test
    void anUnknownPeriodListsThePeriods() {
        String v = visible(command("cost-per-pr " + TEAM + " last-year"));
        assertThat(v, containsString("I don't know the period `last-year`"));
        assertThat(v, containsString("`last-month`"));
    }

    @Test
    void anUnknownSubcommandListsWhatExists() {
        String v = visible(command("leaderboard"));
        assertThat(v, containsString("I don't know `leaderboard`"));
        assertThat(v, containsString("cost-per-pr"));
    }

    @Test
    void badSyntaxShowsTheUsage() {
        String v = visible(command("cost-per-pr " + TEAM + " slk-cmd-platform"));
        assertThat(v, containsString("Usage: `/tokenwise cost-per-pr [team] [period]`"));
    }

    @Test
    void aChannelOfNoTeamAsksForTheTeam() {
        String v = visible(command("cost-per-pr", "CNOTEAM"));
        assertThat(v, containsString("This channel is no team's channel"));
    }

    // ------------------------------------------------------------------ signatures

    @Test
    void badMissingStaleAndFutureSignaturesGet401() {
        String body = SlackRequests.slashCommandBody("help", CHANNEL, "U0CMDTEST", "http://127.0.0.1:9/x");
        String now = Long.toString(Instant.now().getEpochSecond());
        SlackRequests.unsigned("application/x-www-form-urlencoded", body).post("/slack/events").then()
                .statusCode(401).contentType(startsWith("application/problem+json"));
        SlackRequests.unsigned("application/x-www-form-urlencoded", body).header("X-Slack-Request-Timestamp", now)
                .header("X-Slack-Signature", SlackRequests.signature("another-secret", now, body))
                .post("/slack/events").then().statusCode(401).contentType(startsWith("application/problem+json"));
        SlackRequests.unsigned("application/x-www-form-urlencoded", body + "&x=1")
                .header("X-Slack-Request-Timestamp", now)
                .header("X-Slack-Signature", SlackRequests.signature(SlackRequests.SECRET, now, body))
                .post("/slack/events").then().statusCode(401);
        SlackRequests.post(body, Instant.now().minus(Duration.ofMinutes(6))).then().statusCode(401)
                .body("detail", containsString("5 minutes"));
        SlackRequests.post(body, Instant.now().plus(Duration.ofMinutes(6))).then().statusCode(401)
                .body("detail", containsString("5 minutes"));
        // Within the window on both sides: fine.
        SlackRequests.post(body, Instant.now().plus(Duration.ofMinutes(4))).then().statusCode(200);
        SlackRequests.post(body, Instant.now().minus(Duration.ofMinutes(4))).then().statusCode(200);
    }

    @Test
    void theServiceClockDecidesWhatIsStale() {
        String body = SlackRequests.slashCommandBody("help", CHANNEL, "U0CMDTEST", "http://127.0.0.1:9/x");
        clock.set("2030-01-01T00:00:00Z");
        SlackRequests.post(body, Instant.now()).then().statusCode(401);
        SlackRequests.post(body, Instant.parse("2030-01-01T00:01:00Z")).then().statusCode(200);
    }

    @Test
    void answersUrlVerificationWithTheChallenge() {
        String body = "{\"token\":\"legacy\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        SlackRequests.unsigned("application/json", body).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackRequests.signature(SlackRequests.SECRET, ts, body))
                .post("/slack/events").then().statusCode(200)
                .body(containsString("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    @Test
    void acknowledgesAppHomeOpened() {
        String body = "{\"token\":\"legacy\",\"team_id\":\"T0TEST\",\"api_app_id\":\"A0TEST\",\"type\":\"event_callback\","
                + "\"event_id\":\"Ev0HOME\",\"event_time\":1700000000,\"event\":{\"type\":\"app_home_opened\","
                + "\"user\":\"U0CMDTEST\",\"channel\":\"D0HOME\",\"tab\":\"home\",\"event_ts\":\"1700000000.000100\"}}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        SlackRequests.unsigned("application/json", body).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackRequests.signature(SlackRequests.SECRET, ts, body))
                .post("/slack/events").then().statusCode(200);
    }
}
