package dev.tokenwise.digest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.slack.render.DigestMessages;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.team.TeamService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The digest end to end on the real database and the real (halted) Quartz scheduler: triggers follow team
 * changes, a period is queued once, downtime catches up only the latest week. Team ids start with "dg-".
 */
@QuarkusTest
class DigestServiceTest {

    @Inject
    MutableClock clock;

    @Inject
    DigestService digests;

    @Inject
    DigestScheduler scheduler;

    @Inject
    TeamService teams;

    @Inject
    Db db;

    @Inject
    org.quartz.Scheduler quartz;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private List<String> digestKeys(String team) {
        return db.list("SELECT dedup_key FROM outbox_message WHERE team_id = ? AND kind = 'digest' ORDER BY dedup_key",
                rs -> rs.getString(1), team);
    }

    private Object[] row(String key) {
        return db.one("SELECT channel, text, status, blocks_json FROM outbox_message WHERE dedup_key = ?",
                rs -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) }, key)
                .orElseThrow();
    }

    private Instant next(CronTrigger trigger, String after) {
        return trigger.getFireTimeAfter(Date.from(Instant.parse(after))).toInstant();
    }

    @Test
    void aTeamChangeReschedulesItsDigestWithoutRestart() throws Exception {
        Api.team("dg-sched", "{\"timezone\":\"Europe/Berlin\"}");
        assertTrue(scheduler.triggerOf("dg-sched").isEmpty(), "no channel, no digest");

        Api.team("dg-sched", "{\"channel\":\"C0SCHED\"}");
        CronTrigger trigger = scheduler.triggerOf("dg-sched").orElseThrow();
        assertEquals("0 0 9 ? * MON", trigger.getCronExpression());
        assertEquals("Europe/Berlin", trigger.getTimeZone().getID());
        assertEquals(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW, trigger.getMisfireInstruction());
        assertEquals(org.quartz.Trigger.TriggerState.PAUSED, quartz.getTriggerState(trigger.getKey()),
                "tests never fire digests in real time");

        Api.team("dg-sched", "{\"digest_day\":\"FRIDAY\",\"digest_time\":\"17:30\",\"timezone\":\"Asia/Tokyo\"}");
        trigger = scheduler.triggerOf("dg-sched").orElseThrow();
        assertEquals("0 30 17 ? * FRI", trigger.getCronExpression());
        assertEquals("Asia/Tokyo", trigger.getTimeZone().getID());
        Instant fire = next(trigger, Instant.now().toString());
        assertEquals(8, fire.atZone(java.time.ZoneOffset.UTC).getHour(), "17:30 in Tokyo is 08:30 UTC");

        Api.admin().delete("/api/admin/teams/dg-sched").then().statusCode(204);
        assertTrue(scheduler.triggerOf("dg-sched").isEmpty(), "a deleted team is unscheduled");
    }

    @Test
    void firesAtTheBerlinInstantAcrossTheOctoberChangeAndQueuesThatWeekOnce() {
        Api.team("dg-berlin", "{\"channel\":\"C0BERLIN\",\"timezone\":\"Europe/Berlin\"}");
        CronTrigger trigger = scheduler.triggerOf("dg-berlin").orElseThrow();
        // The Quartz trigger's fire times, weekly from now on: always Monday 09:00 in Berlin, whatever the offset.
        Instant t = Instant.now();
        for (int i = 0; i < 30; i++) {
            t = next(trigger, t.toString());
            var local = t.atZone(java.time.ZoneId.of("Europe/Berlin"));
            assertEquals(java.time.DayOfWeek.MONDAY, local.getDayOfWeek());
            assertEquals(java.time.LocalTime.of(9, 0), local.toLocalTime(), t.toString());
        }

        // The job at the instant the trigger fires on the Monday after the last Sunday of October 2026.
        clock.set("2026-10-26T08:00:00Z");
        DigestOutcome first = digests.postScheduled("dg-berlin").orElseThrow();
        assertEquals(DigestOutcome.Status.QUEUED, first.status());
        assertEquals(LocalDate.parse("2026-10-19"), first.weekStart());
        assertEquals("digest:dg-berlin:2026-10-19", first.dedupKey());

        // A second trigger of the same period (another replica, a re-fire, later that day) queues nothing.
        clock.set("2026-10-26T15:00:00Z");
        DigestOutcome second = digests.postScheduled("dg-berlin").orElseThrow();
        assertEquals(DigestOutcome.Status.ALREADY_QUEUED, second.status());
        assertEquals(List.of("digest:dg-berlin:2026-10-19"), digestKeys("dg-berlin"));

        Object[] row = row("digest:dg-berlin:2026-10-19");
        assertEquals("C0BERLIN", row[0]);
        // No usage or delivery for this team: one short line, not an empty report.
        assertEquals("*dg-berlin* · week of 19–25 Oct 2026: no AI usage or delivery activity recorded.", row[1]);
        assertEquals("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*dg-berlin* · week of "
                + "19–25 Oct 2026: no AI usage or delivery activity recorded.\"}}]", row[3]);
    }

    @Test
    void afterWeeksOfDowntimeOnlyTheLatestWeekIsQueued() {
        Api.team("dg-down", "{\"channel\":\"C0DOWN\",\"timezone\":\"UTC\"}");
        TeamServiceView view = new TeamServiceView(teams);
        clock.set("2026-11-02T09:00:00Z");
        assertTrue(scheduler.catchUp(view.get("dg-down")));
        assertEquals(List.of("digest:dg-down:2026-10-26"), digestKeys("dg-down"));

        // Five weeks down (no firing, no delivery); the digest fires once when the service is back.
        clock.advance(Duration.ofDays(35).plusHours(1));
        assertTrue(scheduler.catchUp(view.get("dg-down")));
        assertFalse(scheduler.catchUp(view.get("dg-down")), "and only once");

        assertEquals(List.of("digest:dg-down:2026-10-26", "digest:dg-down:2026-11-30"), digestKeys("dg-down"));
        String older = (String) row("digest:dg-down:2026-10-26")[2];
        assertTrue(List.of("superseded", "sent").contains(older), "the older unsent digest is not sent late: " + older);
        // Nothing sends in this profile (no poll, no send on commit), so the older digest was still pending.
        assertEquals("superseded", older);
        assertEquals("pending", row("digest:dg-down:2026-11-30")[2]);
    }

    @Test
    void beforeTheDigestTimeNothingIsCaughtUp() {
        Api.team("dg-early", "{\"channel\":\"C0EARLY\",\"timezone\":\"Europe/Berlin\"}");
        clock.set("2026-11-09T07:59:00Z"); // 08:59 in Berlin
        assertFalse(scheduler.catchUp(new TeamServiceView(teams).get("dg-early")));
        assertEquals(List.of(), digestKeys("dg-early"));
    }

    @Test
    void theAdminApiPostsTheLastCompleteWeekOnce() {
        Api.team("dg-admin", "{\"channel\":\"C0ADMIN\",\"timezone\":\"UTC\"}");
        clock.set("2026-11-18T10:00:00Z");
        Api.admin().post("/api/admin/teams/dg-admin/digest").then().statusCode(202)
                .body("status", is("queued"))
                .body("week_start", is("2026-11-09"))
                .body("week_end", is("2026-11-16"))
                .body("dedup_key", is("digest:dg-admin:2026-11-09"));
        Api.admin().post("/api/admin/teams/dg-admin/digest").then().statusCode(200)
                .body("status", is("already_queued"))
                .body("message", containsString("posted once per team and week"));
        assertEquals(List.of("digest:dg-admin:2026-11-09"), digestKeys("dg-admin"));

        Api.team("dg-nochan", "{\"timezone\":\"UTC\"}");
        Api.admin().post("/api/admin/teams/dg-nochan/digest").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("has no channel"));
        assertEquals(List.of(), digestKeys("dg-nochan"));

        Api.admin().post("/api/admin/teams/dg-missing/digest").then().statusCode(404);
        RestAssured.given().post("/api/admin/teams/dg-admin/digest").then().statusCode(401);
    }

    @Test
    void previewShowsTheRunningWeekWithoutQueuingAnything() {
        Api.team("dg-preview", "{\"channel\":\"C0PREVIEW\",\"timezone\":\"Europe/Berlin\"}");
        clock.set("2026-10-28T10:00:00Z");
        DigestInput preview = digests.preview("dg-preview");
        assertEquals("C0PREVIEW", preview.channel());
        assertEquals("*dg-preview* · this week so far (26–28 Oct 2026): no AI usage or delivery activity recorded yet.",
                DigestMessages.digest(preview).text());
        assertEquals(List.of(), digestKeys("dg-preview"));
    }

    /** Reads a team as the service sees it. */
    record TeamServiceView(TeamService teams) {
        dev.tokenwise.team.TeamSettings get(String id) {
            return teams.find(id).orElseThrow();
        }
    }
}
