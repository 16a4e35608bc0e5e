package dev.tokenwise.digest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code /tokenwise digest [team]} over real HTTP, signed as Slack signs. */
@QuarkusTest
class DigestCommandTest {

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    JsonPath command(String text, String channel) {
        String body = SlackRequests.slashCommandBody(text, channel, "U0DGCMD", "http://127.0.0.1:9/hooks/unused");
        return SlackRequests.post(body, clock.instant()).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void previewsThisWeekInTheChannelOfTheTeamWithAShareButton() {
        Api.team("dg-cmd", "{\"channel\":\"C0DGCMD\",\"timezone\":\"Europe/Berlin\"}");
        clock.set("2026-10-28T10:00:00Z");
        JsonPath a = command("digest", "C0DGCMD");
        assertThat(a.getString("response_type"), equalTo("ephemeral"));
        assertThat(a.getString("text"), equalTo(
                "*dg-cmd* · this week so far (26–28 Oct 2026): no AI usage or delivery activity recorded yet."));
        assertThat(a.getString("blocks.find { it.type == 'actions' }.elements[0].value"), equalTo("digest dg-cmd"));
    }

    @Test
    void aTeamCanBeNamedFromAnyChannel() {
        Api.team("dg-cmd-other", "{\"channel\":\"C0DGCMD2\"}");
        clock.set("2026-10-28T10:00:00Z");
        assertThat(command("digest dg-cmd-other", "C0NOTEAM").getString("text"), containsString("*dg-cmd-other*"));
        assertThat(command("digest dg-cmd-other", "C0NOTEAM").getString("text"), equalTo(
                "*dg-cmd-other* · this week so far (26–28 Oct 2026): no AI usage or delivery activity recorded yet."));
        assertThat(command("digest no-such-team", "C0NOTEAM").getString("text"),
                containsString("I don't know a team called `no-such-team`"));
    }
}
