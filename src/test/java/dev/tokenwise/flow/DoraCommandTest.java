package dev.tokenwise.flow;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.slack.render.CommandMessages;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code /tokenwise dora} end to end: the week of {@link DoraKeysTest#week} fed through the signed GitHub webhook, the
 * answer over signed {@code /slack/events} requests.
 */
@QuarkusTest
class DoraCommandTest {

    private static final String CHANNEL = "C0DORACMD";

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JsonPath command(String text) {
        String body = SlackRequests.slashCommandBody(text, CHANNEL, "U0DORATEST", "http://127.0.0.1:9/hooks/unused");
        return SlackRequests.post(body, clock.instant()).then().statusCode(200).extract().jsonPath();
    }

    /**
     * Last week as {@link DoraKeysTest#week} describes it; the week before (2–8 Nov): D0 ships #10 (opened 4 Nov
     * 10:00) 50 h later, and the failure of 8 Nov 12:00 recovers with D1 on 11 Nov 12:00, 72 h later → 1 deployment,
     * change failure rate 50 %, lead time 50 h, recovery 72 h, rework 0 %, no issue shipped.
     */
    @Test
    void answersTheKeysOfLastWeekAgainstTheWeekBefore() {
        DoraScenario s = DoraKeysTest.week("dora-cmd");
        s.post(s.deliveries);
        clock.set("2026-11-18T12:00:00Z");
        JsonPath a = command("dora " + s.team + " last-week");
        assertThat(a.getString("response_type"), equalTo("ephemeral"));
        assertThat(a.getString("text"), equalTo("DORA keys · " + s.team + " · last week (Mon 9 Nov – Sun 15 Nov 2026 "
                + "(UTC)): deployments 5 · 5.0 per week (+400 % vs the week before); lead time for changes median "
                + "24.0 h · p90 52.0 h (-52 % vs the week before); change failure rate 44 % (50 % the week before); "
                + "failed deployment recovery time median 4.5 h (-94 % vs the week before); deployment rework rate "
                + "60 % of deployments (0 % the week before); issue to production median 68.5 h."));
        assertThat(a.getList("blocks.type"), equalTo(List.of("header", "section", "context", "actions")));
        assertThat(a.getString("blocks.find { it.type == 'actions' }.elements[0].value"),
                equalTo("dora " + s.team + " last-week:2026-11-09..2026-11-16"));
    }

    @Test
    void aWithheldWeekGivesTheReasonOnly() {
        DoraScenario s = DoraKeysTest.week("dora-few", "{\"timezone\":\"UTC\",\"min_contributors\":10}");
        s.post(s.deliveries);
        clock.set("2026-11-18T12:00:00Z");
        JsonPath a = command("dora " + s.team + " last-week");
        assertThat(a.getString("text"), equalTo("DORA keys · " + s.team + " · last week\nFewer than 10 people "
                + "contributed in this period, so team figures would describe individuals. Tokenwise shows team-level "
                + "figures only."));
        assertThat(a.getString("blocks.find { it.type == 'actions' }"), nullValue());
    }

    @Test
    void refusesToAnswerAboutAPerson() {
        for (String who : List.of("dora @U123", "dora <@U0AMY01|amy>", "dora last-week U0AMY01")) {
            JsonPath a = command(who);
            assertThat(who, a.getString("text"), equalTo(CommandMessages.personRefusal()));
            assertThat(who, a.getString("blocks.find { it.type == 'actions' }"), nullValue());
        }
    }
}
