package dev.tokenwise.slack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.alerts.AlertRepository;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.outbox.OutboxRows;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.Await;
import dev.tokenwise.support.FakeSlack;
import dev.tokenwise.support.FakeSlackProfile;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamUpdate;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The bot invited to a channel no team uses says so once, with a "Set up this channel's team" button; the App Home
 * shows each viewer the teams they can see with this week, budget and open alerts, within Block Kit's 100 blocks.
 * Through {@code POST /slack/events} with signed requests (real payload envelopes) and the fake Slack Web API.
 */
@QuarkusTest
@TestProfile(FakeSlackProfile.class)
class SlackOnboardingAndHomeTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TeamService teams;
    @Inject
    AlertRepository alerts;
    @Inject
    Db db;
    @Inject
    MutableClock clock;

    FakeSlack slack = FakeSlack.INSTANCE;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The real member_joined_channel envelope (values blanked) with this user, channel and event id. */
    static String joined(String user, String channel, String eventId) throws IOException {
        ObjectNode p = (ObjectNode) JSON.readTree(SlackOnboardingAndHomeTest.class
                .getResourceAsStream("/payloads/slack/member_joined_channel.json").readAllBytes());
        ((ObjectNode) p.path("event")).put("user", user).put("channel", channel).put("channel_type", "C");
        p.put("event_id", eventId).put("team_id", "T0TEST").put("api_app_id", "A0TEST");
        // The installation the event is for: the bot's user (as Slack sends it for a bot-token install).
        ((ObjectNode) p.path("authorizations").get(0)).put("team_id", "T0TEST").put("user_id", FakeSlack.BOT_USER)
                .put("is_bot", true);
        return p.toString();
    }

    @Test
    void theBotInvitedToAChannelNoTeamUsesOffersSetUpOnceEvenWhenTheEventComesTwice() throws IOException {
        SlackRequests.postJson(joined(FakeSlack.BOT_USER, "C0ONFRESH", "Ev0ON1"), Instant.now()).then()
                .statusCode(200);
        // Slack's retry, or the same event at a second replica: one outbox row per channel, so one message.
        SlackRequests.postJson(joined(FakeSlack.BOT_USER, "C0ONFRESH", "Ev0ON1"), Instant.now()).then()
                .statusCode(200);
        // Removed and invited again: still nothing new.
        SlackRequests.postJson(joined(FakeSlack.BOT_USER, "C0ONFRESH", "Ev0ON2"), Instant.now()).then()
                .statusCode(200);
        // A person joining, and the bot joining a team's channel: nothing.
        SlackRequests.postJson(joined("U0ONPERSON", "C0ONOTHER", "Ev0ON3"), Instant.now()).then().statusCode(200);
        teams.put("on-team", new TeamUpdate("C0ONTEAM", null, null, null, null, null, null, null, null, null), "t");
        SlackRequests.postJson(joined(FakeSlack.BOT_USER, "C0ONTEAM", "Ev0ON4"), Instant.now()).then()
                .statusCode(200);

        Await.until("the onboarding message", () -> !slack.posted("C0ONFRESH").isEmpty());
        OutboxRows rows = new OutboxRows(db);
        assertEquals(1, rows.count("onboarding:"));
        assertEquals("sent", rows.row("onboarding:C0ONFRESH").status());
        assertEquals(1, slack.posted("C0ONFRESH").size());
        assertEquals(0, slack.posted("C0ONOTHER").size());
        assertEquals(0, slack.posted("C0ONTEAM").size());
        assertEquals(0, slack.calls("/api/auth.test").size(), "the bot's id came with the event");
        FakeSlack.Posted message = slack.posted("C0ONFRESH").get(0);
        assertEquals("Hi! I'm Tokenwise: what your AI coding agents cost, next to what your team delivers, as a "
                + "weekly digest and alerts in this channel. No team uses this channel yet; an admin can set one up.",
                message.text());
        JsonNode blocks = JSON.readTree(message.blocks());
        assertEquals(2, blocks.size());
        assertEquals("tokenwise_set_up_team", blocks.at("/1/elements/0/action_id").asText());
        assertEquals("Set up this channel's team", blocks.at("/1/elements/0/text/text").asText());
        assertEquals("", blocks.at("/1/elements/0/value").asText());
        assertThat(message.blocks(), not(containsString("$")));
        assertThat(message.blocks(), not(containsString("<@")));

        // The button: a member is told who can (ephemerally, through response_url); an admin gets the form.
        SlackRequests.post(SlackRequests.blockActionBody("tokenwise_set_up_team", "", "C0ONFRESH", "U0ONMEMBER",
                "1700000000.000100", "trig.onb.member", slack.hookUrl("onb-member"))).then().statusCode(200);
        Await.until("the refusal", () -> !slack.calls("/hooks/onb-member").isEmpty());
        assertThat(JSON.readTree(slack.calls("/hooks/onb-member").get(0).body()).path("text").asText(),
                containsString("only Tokenwise admins can set teams up: <@U0ENVADMIN>"));
        SlackRequests.post(SlackRequests.blockActionBody("tokenwise_set_up_team", "", "C0ONFRESH",
                FakeSlackProfile.ADMIN, "1700000000.000100", "trig.onb.admin", slack.hookUrl("onb-admin")))
                .then().statusCode(200);
        FakeSlack.Call open = slack.calls("/api/views.open").stream()
                .filter(c -> "trig.onb.admin".equals(c.form().get("trigger_id"))).findFirst().orElseThrow();
        JsonNode view = JSON.readTree(open.form().get("view"));
        assertEquals("team-channel", view.at("/blocks/0/element/initial_value").asText(), "from the channel name");
        assertEquals("C0ONFRESH", view.at("/blocks/1/element/initial_conversation").asText());
    }

    // ------------------------------------------------------------------ App Home

    static String homeOpened(String user) {
        return "{\"token\":\"unused\",\"team_id\":\"T0TEST\",\"api_app_id\":\"A0TEST\",\"type\":\"event_callback\","
                + "\"event_id\":\"Ev" + user + "\",\"event_time\":1700000000,\"event\":{\"type\":\"app_home_opened\","
                + "\"user\":\"" + user + "\",\"channel\":\"D0HOME\",\"tab\":\"home\","
                + "\"event_ts\":\"1700000000.000100\"}}";
    }

    /** Opens the viewer's Home tab and returns the published view. */
    JsonNode home(String user, Instant now) throws IOException {
        int before = published(user).size();
        SlackRequests.postJson(homeOpened(user), now).then().statusCode(200);
        Await.until("views.publish for " + user, () -> published(user).size() > before);
        return JSON.readTree(published(user).get(before).form().get("view"));
    }

    List<FakeSlack.Call> published(String user) {
        return slack.calls("/api/views.publish").stream().filter(c -> user.equals(c.form().get("user_id"))).toList();
    }

    static List<String> texts(JsonNode view) {
        List<String> out = new ArrayList<>();
        for (JsonNode b : view.path("blocks")) {
            if (b.has("text")) {
                out.add(b.path("type").asText() + ": " + b.at("/text/text").asText());
            } else if (b.path("type").asText().equals("context")) {
                out.add("context: " + b.at("/elements/0/text").asText());
            } else if (b.path("type").asText().equals("actions")) {
                out.add("actions: " + b.at("/elements/0/text/text").asText() + " = " + b.at("/elements/0/value")
                        .asText());
            } else {
                out.add(b.path("type").asText());
            }
        }
        return out;
    }

    @Test
    void theHomeTabShowsTheViewersTeamsThisWeekBudgetAndOpenAlerts() throws IOException {
        // Note: "aa-" sorts these teams first, before the many teams of the other tests (an admin sees 23 at most).
        Instant now = Instant.parse("2026-11-18T12:00:00Z");
        clock.set(now);
        teams.put("aa-ho-alpha", new TeamUpdate("C0HOALPHA", null, "UTC", null, null, null, new BigDecimal("1000"),
                null, null, null), "t");
        teams.put("aa-ho-beta", new TeamUpdate("C0HOBETA", null, "UTC", null, null, null, null, null, null, null), "t");
        Api.ingest().contentType("application/json").body("{\"timestamp\":\"2026-11-17T10:00:00Z\",\"team\":"
                + "\"aa-ho-alpha\",\"model\":\"claude-sonnet-4-5\",\"input_tokens\":0,\"output_tokens\":0,"
                + "\"cost_usd\":12.5}").post("/ingest/usage").then().statusCode(202);
        db.transaction(() -> alerts.insertAlert("spike:aa-ho-alpha:coding:2026-11-18", "spike", "aa-ho-alpha", "coding",
                80.0, 20.0, "*Spend spike* in aa-ho-alpha: coding $80.00 today\nmore lines", "queued"));
        slack.memberOf("U0HOMEMBER", "C0HOALPHA", "C0SOMETHINGELSE");

        JsonNode view = home("U0HOMEMBER", now);
        assertEquals("home", view.path("type").asText());
        List<String> texts = texts(view);
        assertEquals(8, texts.size(), texts.toString());
        assertEquals("header: Tokenwise", texts.get(0));
        assertEquals("header: Your teams", texts.get(2));
        assertEquals("section: *aa-ho-alpha* · <#C0HOALPHA>\n"
                + "*This week so far:* $12.50 spent · 0 merged PRs · cost per merged PR n/a\n"
                + "*Budget 2026-11:* $12.50 spent of $1,000.00 (1.3 % used), $987.50 remaining, forecast $21.43 "
                + "(2.1 %)", texts.get(3));
        assertEquals("context: :rotating_light: 1 open alert. Latest: Spend spike in aa-ho-alpha: coding $80.00 today",
                texts.get(4));
        assertEquals("divider", texts.get(5));
        assertThat(texts.get(6), containsString("/tokenwise admin [team]"));
        assertThat(view.toString(), not(containsString("aa-ho-beta")));
        assertThat(view.toString(), not(containsString("U0HOMEMBER")));
        assertThat(view.toString(), not(containsString("tokenwise_set_up_team")));

        // An admin sees every team, each with its "Set up" button.
        JsonNode admin = home(FakeSlackProfile.ADMIN, now);
        List<String> all = texts(admin);
        assertEquals("header: All teams", all.get(2));
        assertTrue(all.contains("actions: Set up aa-ho-alpha = aa-ho-alpha"), all.toString());
        assertTrue(all.contains("actions: Set up aa-ho-beta = aa-ho-beta"), all.toString());
        assertTrue(all.contains("context: No open alerts."), all.toString());
        assertThat(admin.toString(), not(containsString(FakeSlackProfile.ADMIN)));
    }

    @Test
    void anAdminsSetUpButtonInTheHomeTabOpensThatTeamsForm() throws IOException {
        teams.put("ho-button", new TeamUpdate("C0HOBUTTON", null, "Asia/Kolkata", null, null, null, null, null, 5,
                null), "t");
        // The real App Home block_actions envelope (container type "view", no channel, no response_url).
        ObjectNode p = (ObjectNode) JSON.readTree(getClass()
                .getResourceAsStream("/payloads/slack/block_actions_app_home.json").readAllBytes());
        ((ObjectNode) p.path("user")).put("id", FakeSlackProfile.ADMIN);
        p.put("trigger_id", "trig.home.button");
        ObjectNode action = (ObjectNode) p.path("actions").get(0);
        action.remove("confirm");
        action.put("action_id", "tokenwise_set_up_team").put("value", "ho-button");
        SlackRequests.post(SlackRequests.interactionBody(p.toString())).then().statusCode(200);

        FakeSlack.Call open = slack.calls("/api/views.open").stream()
                .filter(c -> "trig.home.button".equals(c.form().get("trigger_id"))).findFirst().orElseThrow();
        JsonNode view = JSON.readTree(open.form().get("view"));
        assertEquals("Team *ho-button*", view.at("/blocks/0/text/text").asText());
        assertEquals("Asia/Kolkata", view.at("/blocks/3/element/initial_option/value").asText());
        assertEquals("5", view.at("/blocks/16/element/initial_value").asText());
        assertEquals("{\"team\":\"ho-button\",\"created\":false,\"origin\":null,\"repos\":true}",
                view.path("private_metadata").asText());
    }

    @Test
    void manyTeamsStayWithinAHundredBlocksAndTheTabSaysHowManyAreLeftOut() throws IOException {
        for (int i = 0; i < 30; i++) {
            teams.put(String.format("hm-%02d", i), new TeamUpdate("C0HM" + i, null, null, null, null, null, null,
                    null, null, null), "t");
        }
        int total = teams.all().size();
        JsonNode view = home(FakeSlackProfile.ADMIN, Instant.now());
        List<String> texts = texts(view);
        assertEquals(98, view.path("blocks").size(), "6 around the teams + 23 teams × 4");
        assertEquals(23, texts.stream().filter(t -> t.startsWith("actions: Set up ")).count());
        assertEquals("context: " + (total - 23) + " more teams are not shown (a Home tab holds 100 blocks): ask in "
                + "Slack with `/tokenwise cost-per-pr <team>` or `/tokenwise budget <team>`.", texts.get(95));
    }
}
