package dev.tokenwise.slack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tokenwise.outbox.OutboxRows;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.Await;
import dev.tokenwise.support.FakeSlack;
import dev.tokenwise.support.FakeSlackProfile;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The "Share in channel" button end to end: a signed slash command, then a signed click; the post reaches the fake
 * Slack Web API over real HTTP through the outbox sender, once even on a double click.
 */
@QuarkusTest
@TestProfile(FakeSlackProfile.class)
class SlackShareTest {

    static final String TEAM = "slk-share-team";
    static final String CHANNEL = "CSLKSHARE1";

    @Inject
    OutboxRows rows;

    @Test
    void theShareButtonPostsTheSameAnswerInTheChannelOnce() {
        FakeSlack slack = FakeSlack.INSTANCE;
        Api.team(TEAM, "{\"channel\":\"" + CHANNEL + "\",\"timezone\":\"America/New_York\"}");
        JsonPath answer = SlackRequests.post(SlackRequests.slashCommandBody("cost-per-pr last-week", CHANNEL,
                "U0SHARER1", slack.hookUrl("commands/1"))).then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("response_type"), equalTo("ephemeral"));
        String value = answer.getString("blocks.find { it.type == 'actions' }.elements[0].value");
        assertThat(value, containsString("cost-per-pr " + TEAM + " last-week:"));

        String click = SlackRequests.blockActionBody("tokenwise_share", value, CHANNEL, "U0SHARER1",
                "1700000000.000777", "111.222.aaa", slack.hookUrl("actions/1"));
        SlackRequests.post(click).then().statusCode(200);
        // A double click: same message, another trigger.
        String again = SlackRequests.blockActionBody("tokenwise_share", value, CHANNEL, "U0SHARER1",
                "1700000000.000777", "333.444.bbb", slack.hookUrl("actions/2"));
        SlackRequests.post(again).then().statusCode(200);

        Await.until("shared post reached Slack", () -> slack.posted(CHANNEL).size() == 1);
        FakeSlack.Posted post = slack.posted(CHANNEL).get(0);
        assertThat(post.text(), containsString("Cost per merged PR · " + TEAM + " · last week"));
        assertThat(post.blocks(), containsString("Shared by <@U0SHARER1>"));
        assertThat(post.blocks(), containsString("\"type\":\"header\""));
        assertThat(post.dedupKey(), containsString("share:" + CHANNEL + ":1700000000.000777:"));
        Await.until("row marked sent", () -> "sent".equals(rows.row(post.dedupKey()).status()));
        assertEquals(1, rows.count("share:" + CHANNEL + ":"));
        // The clicking user is told, through response_url.
        Await.until("ephemeral confirmation", () -> !slack.calls("/hooks/actions/1").isEmpty());
        assertThat(slack.calls("/hooks/actions/1").get(0).body(), containsString("Shared in this channel"));
        Await.until("second click told", () -> !slack.calls("/hooks/actions/2").isEmpty());
        assertThat(slack.calls("/hooks/actions/2").get(0).body(), containsString("Already shared"));
        assertEquals(1, slack.posted(CHANNEL).size());
        // No live Slack call at start-up: nothing but what the tests caused reached the Web API.
        assertEquals(0, slack.calls("/api/auth.test").size());
        // The same answer: the shared post's text is the text the user saw, in the channel the click came from.
        assertEquals(answer.getString("text"), post.text());
        assertEquals(CHANNEL, post.channel());
    }
}
