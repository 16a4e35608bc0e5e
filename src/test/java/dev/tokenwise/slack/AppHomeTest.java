package dev.tokenwise.slack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.support.Await;
import dev.tokenwise.support.FakeSlack;
import dev.tokenwise.support.FakeSlackProfile;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Opening the app's Home tab: a signed {@code app_home_opened} event is acknowledged at once and the Home view is
 * published to that user through the (fake) Slack Web API, with the commands and the team-level policy.
 */
@QuarkusTest
@TestProfile(FakeSlackProfile.class)
class AppHomeTest {

    @Test
    void openingTheHomeTabPublishesTheHomeView() throws Exception {
        FakeSlack slack = FakeSlack.INSTANCE;
        String body = "{\"token\":\"unused\",\"team_id\":\"T0HOME\",\"api_app_id\":\"A0HOME\",\"type\":\"event_callback\","
                + "\"event_id\":\"Ev0HOME1\",\"event_time\":1700000000,\"event\":{\"type\":\"app_home_opened\","
                + "\"user\":\"U0HOMEUSER\",\"channel\":\"D0HOME\",\"tab\":\"home\",\"event_ts\":\"1700000000.000100\"}}";
        String ts = Long.toString(Instant.now().getEpochSecond());
        SlackRequests.unsigned("application/json", body)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackRequests.signature(SlackRequests.SECRET, ts, body))
                .post("/slack/events").then().statusCode(200);

        Await.until("views.publish reached Slack", () -> !slack.calls("/api/views.publish").isEmpty());
        assertEquals(1, slack.calls("/api/views.publish").size());
        FakeSlack.Call call = slack.calls("/api/views.publish").get(0);
        assertEquals("Bearer " + FakeSlackProfile.BOT_TOKEN, call.headers().get("authorization"));
        // The Web API client sends views.publish as a form: user_id, and the view as JSON.
        assertEquals("U0HOMEUSER", call.form().get("user_id"));
        JsonNode view = new ObjectMapper().readTree(call.form().get("view"));
        assertEquals("home", view.path("type").asText());
        String blocks = view.path("blocks").toString();
        assertThat(blocks, containsString("/tokenwise cost-per-pr"));
        assertThat(blocks, containsString("never"));
        assertThat(blocks, not(containsString("U0HOMEUSER")));
    }
}
