package dev.tokenwise.slack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.digest.DigestScheduler;
import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.support.Await;
import dev.tokenwise.support.FakeSlack;
import dev.tokenwise.support.FakeSlackProfile;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import dev.tokenwise.team.TeamUpdate;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Setting a team up from Slack (docs/contract.md §4.1), through {@code POST /slack/events} with signed requests and
 * the fake Slack Web API over HTTP: {@code /tokenwise admin} opens the form inside Slack's 3-second window, a bad
 * submission gets inline errors and saves nothing, a good one is saved (audited with the Slack user id, the digest
 * rescheduled, confirmed privately), and someone who is no admin is told who can.
 */
@QuarkusTest
@TestProfile(FakeSlackProfile.class)
class SlackSetupTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = FakeSlackProfile.ADMIN;

    @Inject
    TeamService teams;
    @Inject
    AuditLog audit;
    @Inject
    DigestScheduler scheduler;
    @Inject
    MutableClock clock;
    @Inject
    Db db;

    FakeSlack slack = FakeSlack.INSTANCE;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The views.open call that carried this trigger id (each test uses its own). */
    FakeSlack.Call viewsOpen(String triggerId) {
        Await.until("views.open with " + triggerId, () -> slack.calls("/api/views.open").stream()
                .anyMatch(c -> triggerId.equals(c.form().get("trigger_id"))));
        return slack.calls("/api/views.open").stream().filter(c -> triggerId.equals(c.form().get("trigger_id")))
                .findFirst().orElseThrow();
    }

    static Response command(String text, String channel, String channelName, String user, String hook,
            String trigger) {
        return SlackRequests.post(SlackRequests.slashCommandBody(text, channel, channelName, user,
                FakeSlack.INSTANCE.hookUrl(hook), trigger));
    }

    static List<String> blockIds(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.path("blocks").forEach(b -> ids.add(b.path("block_id").asText(b.path("type").asText())));
        return ids;
    }

    static JsonNode block(JsonNode view, String blockId) {
        for (JsonNode b : view.path("blocks")) {
            if (blockId.equals(b.path("block_id").asText())) {
                return b;
            }
        }
        throw new AssertionError("no block " + blockId + " in " + view);
    }

    @Test
    void adminCommandIsAcknowledgedAtOnceAndOpensTheFormWithinThreeSeconds() throws IOException {
        long start = System.nanoTime();
        Response ack = command("admin", "C0SUNEW", "Team Payments_API", ADMIN, "su-open", "trig.open.1");
        long ackedAfter = System.nanoTime() - start;
        ack.then().statusCode(200);
        assertEquals("", ack.asString(), "acknowledged with no message: the modal is the answer");

        FakeSlack.Call open = viewsOpen("trig.open.1");
        long openedAfter = open.nanos() - start;
        assertTrue(ackedAfter < Duration.ofSeconds(3).toNanos(), "ack after " + ackedAfter / 1_000_000 + " ms");
        assertTrue(openedAfter < Duration.ofSeconds(3).toNanos(), "views.open after " + openedAfter / 1_000_000
                + " ms");
        assertEquals("Bearer " + FakeSlackProfile.BOT_TOKEN, open.headers().get("authorization"));

        JsonNode view = JSON.readTree(open.form().get("view"));
        assertEquals("modal", view.path("type").asText());
        assertEquals("tokenwise_team_setup", view.path("callback_id").asText());
        assertEquals("Set up a team", view.path("title").path("text").asText());
        assertEquals(List.of("team", "channel", "alert_channel", "timezone", "digest_day", "digest_time",
                "work_start", "work_end", "monthly_budget", "workflow_budget_coding", "workflow_budget_testing",
                "workflow_budget_migration", "workflow_budget_review", "workflow_budget_docs",
                "workflow_budget_triage", "workflow_budget_other", "min_contributors", "repos", "pulse"),
                blockIds(view));
        // A new team: its id from the channel's name, the channel itself as the digest channel, the defaults.
        assertEquals("team-payments-api", block(view, "team").at("/element/initial_value").asText());
        assertEquals("conversations_select", block(view, "channel").at("/element/type").asText());
        assertEquals("C0SUNEW", block(view, "channel").at("/element/initial_conversation").asText());
        assertTrue(block(view, "alert_channel").at("/element/initial_conversation").isMissingNode());
        assertEquals("static_select", block(view, "timezone").at("/element/type").asText());
        assertEquals("UTC", block(view, "timezone").at("/element/initial_option/value").asText());
        JsonNode groups = block(view, "timezone").at("/element/option_groups");
        groups.forEach(g -> assertTrue(g.path("options").size() <= 100, g.path("label").toString()));
        assertEquals("MONDAY", block(view, "digest_day").at("/element/initial_option/value").asText());
        assertEquals("09:00", block(view, "digest_time").at("/element/initial_time").asText());
        assertEquals("09:00", block(view, "work_start").at("/element/initial_time").asText());
        assertEquals("18:00", block(view, "work_end").at("/element/initial_time").asText());
        assertEquals("number_input", block(view, "monthly_budget").at("/element/type").asText());
        assertTrue(block(view, "monthly_budget").at("/element/initial_value").isMissingNode());
        assertEquals("3", block(view, "min_contributors").at("/element/initial_value").asText());
        assertTrue(block(view, "pulse").at("/element/initial_options").isMissingNode(), "pulse off by default");
        assertEquals(Map.of("team", "team-payments-api", "created", true, "origin", "C0SUNEW", "repos", true),
                JSON.convertValue(JSON.readTree(view.path("private_metadata").asText()), Map.class));
        assertThat(view.toString(), not(containsString("<@")));
        assertThat(view.toString(), not(containsString(ADMIN)));
    }

    @Test
    void anExistingTeamsFormOpensWithItsCurrentValues() throws IOException {
        teams.put("su-existing", new TeamUpdate("C0SUEX", "C0SUEXALERT", "Europe/Berlin", "FRIDAY", "17:30",
                "08:00-16:30", new BigDecimal("5000"), Map.of("coding", new BigDecimal("3000")), 4, true), "test");
        teams.mapRepo("acme/su-existing-api", "su-existing", "test");

        command("admin su-existing", "C0ELSEWHERE", "random", ADMIN, "su-existing", "trig.existing.1")
                .then().statusCode(200);
        JsonNode view = JSON.readTree(viewsOpen("trig.existing.1").form().get("view"));

        assertEquals("Team su-existing", view.path("title").path("text").asText());
        assertEquals("section", view.at("/blocks/0/type").asText(), "an existing team's id is shown, not asked");
        assertEquals("Team *su-existing*", view.at("/blocks/0/text/text").asText());
        assertEquals("C0SUEX", block(view, "channel").at("/element/initial_conversation").asText());
        assertEquals("C0SUEXALERT", block(view, "alert_channel").at("/element/initial_conversation").asText());
        assertEquals("Europe/Berlin", block(view, "timezone").at("/element/initial_option/value").asText());
        assertEquals("FRIDAY", block(view, "digest_day").at("/element/initial_option/value").asText());
        assertEquals("Friday", block(view, "digest_day").at("/element/initial_option/text/text").asText());
        assertEquals("17:30", block(view, "digest_time").at("/element/initial_time").asText());
        assertEquals("08:00", block(view, "work_start").at("/element/initial_time").asText());
        assertEquals("16:30", block(view, "work_end").at("/element/initial_time").asText());
        assertEquals("5000", block(view, "monthly_budget").at("/element/initial_value").asText());
        assertEquals("3000", block(view, "workflow_budget_coding").at("/element/initial_value").asText());
        assertTrue(block(view, "workflow_budget_docs").at("/element/initial_value").isMissingNode());
        assertEquals("4", block(view, "min_contributors").at("/element/initial_value").asText());
        assertEquals("acme/su-existing-api", block(view, "repos").at("/element/initial_value").asText());
        assertEquals("on", block(view, "pulse").at("/element/initial_options/0/value").asText());
        assertEquals(Map.of("team", "su-existing", "created", false, "origin", "C0ELSEWHERE", "repos", true),
                JSON.convertValue(JSON.readTree(view.path("private_metadata").asText()), Map.class));
    }

    @Test
    void someoneWhoIsNoAdminIsToldWhoCanAndWorkspaceOwnersMayWithACachedCheck() throws IOException {
        int usersInfo = slack.calls("/api/users.info").size();
        command("admin", "C0SUREF", "general", "U0SUMEMBER", "su-refused", "trig.refused.1").then().statusCode(200);
        Await.until("the refusal", () -> !slack.calls("/hooks/su-refused").isEmpty());
        JsonNode refusal = JSON.readTree(slack.calls("/hooks/su-refused").get(0).body());
        assertEquals("ephemeral", refusal.path("response_type").asText());
        assertEquals("Sorry, only Tokenwise admins can set teams up: <@U0ENVADMIN> and this workspace's admins and "
                + "owners. Ask one of them to run `/tokenwise admin` in the team's channel.",
                refusal.path("text").asText());
        assertTrue(slack.calls("/api/views.open").stream()
                .noneMatch(c -> "trig.refused.1".equals(c.form().get("trigger_id"))), "no form for a member");
        assertEquals(usersInfo + 1, slack.calls("/api/users.info").size());
        assertEquals("U0SUMEMBER", slack.calls("/api/users.info").get(usersInfo).form().get("user"));

        // A workspace owner (users.info is_owner) may; the answer is kept for a while, then asked again.
        clock.set(Instant.now());
        slack.role("U0SUOWNER", "owner");
        command("admin", "C0SUOWN", "owners", "U0SUOWNER", "su-owner-1", "trig.owner.1").then().statusCode(200);
        viewsOpen("trig.owner.1");
        command("admin", "C0SUOWN", "owners", "U0SUOWNER", "su-owner-2", "trig.owner.2").then().statusCode(200);
        viewsOpen("trig.owner.2");
        assertEquals(usersInfo + 2, slack.calls("/api/users.info").size(), "the second form used the cached answer");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        command("admin", "C0SUOWN", "owners", "U0SUOWNER", "su-owner-3", "trig.owner.3", clock.instant())
                .then().statusCode(200);
        viewsOpen("trig.owner.3");
        assertEquals(usersInfo + 3, slack.calls("/api/users.info").size(), "asked again after 5 minutes");
    }

    static Response command(String text, String channel, String channelName, String user, String hook, String trigger,
            Instant now) {
        return SlackRequests.post(SlackRequests.slashCommandBody(text, channel, channelName, user,
                FakeSlack.INSTANCE.hookUrl(hook), trigger), now);
    }

    // ------------------------------------------------------------------ submissions

    /** A view_submission (the real payload's envelope) of the set-up form with these values and metadata. */
    static String submission(String user, Map<String, Object> metadata, Map<String, ObjectNode> fields)
            throws IOException {
        ObjectNode p = (ObjectNode) JSON.readTree(SlackSetupTest.class
                .getResourceAsStream("/payloads/slack/view_submission.json").readAllBytes());
        ((ObjectNode) p.path("user")).put("id", user);
        ObjectNode view = (ObjectNode) p.path("view");
        view.put("callback_id", "tokenwise_team_setup");
        view.put("private_metadata", JSON.writeValueAsString(metadata));
        ObjectNode values = ((ObjectNode) view.path("state")).putObject("values");
        fields.forEach((block, value) -> values.putObject(block).set("value", value));
        return SlackRequests.interactionBody(p.toString());
    }

    static ObjectNode text(String v) {
        return JSON.createObjectNode().put("type", "plain_text_input").put("value", v);
    }

    static ObjectNode number(String v) {
        return JSON.createObjectNode().put("type", "number_input").put("value", v);
    }

    static ObjectNode conversation(String id) {
        return JSON.createObjectNode().put("type", "conversations_select").put("selected_conversation", id);
    }

    static ObjectNode option(String v) {
        ObjectNode n = JSON.createObjectNode().put("type", "static_select");
        n.putObject("selected_option").put("value", v).putObject("text").put("type", "plain_text").put("text", v);
        return n;
    }

    static ObjectNode time(String t) {
        return JSON.createObjectNode().put("type", "timepicker").put("selected_time", t);
    }

    static ObjectNode checked(boolean on) {
        ObjectNode n = JSON.createObjectNode().put("type", "checkboxes");
        var options = n.putArray("selected_options");
        if (on) {
            options.addObject().put("value", "on").putObject("text").put("type", "plain_text").put("text", "on");
        }
        return n;
    }

    /** Every field of a valid form for a new team in Berlin, digest on Friday 17:30. */
    static Map<String, ObjectNode> validForm(String teamId, String channel) {
        Map<String, ObjectNode> f = new LinkedHashMap<>();
        f.put("team", text(teamId));
        f.put("channel", conversation(channel));
        f.put("alert_channel", conversation("C0SUALERT"));
        f.put("timezone", option("Europe/Berlin"));
        f.put("digest_day", option("FRIDAY"));
        f.put("digest_time", time("17:30"));
        f.put("work_start", time("08:00"));
        f.put("work_end", time("16:30"));
        f.put("monthly_budget", number("5000"));
        f.put("workflow_budget_coding", number("3000"));
        f.put("workflow_budget_docs", number(null));
        f.put("min_contributors", number("4"));
        f.put("repos", text("Acme/SU-Payments-API\n\n  acme/platform/su-payments-web  \n"));
        f.put("pulse", checked(true));
        return f;
    }

    @Test
    void aBadFormGetsOneInlineErrorPerFieldAndNothingIsSaved() throws IOException {
        int auditRows = audit.newestFirst(1000).size();
        Map<String, ObjectNode> form = validForm("Bad Team!", "C0SUBAD");
        form.put("channel", JSON.createObjectNode().put("type", "conversations_select"));
        form.put("timezone", option("Mars/Olympus_Mons"));
        form.put("work_end", time("07:00"));
        form.put("monthly_budget", number("-5"));
        form.put("workflow_budget_coding", number("12.345"));
        form.put("min_contributors", number("2"));
        form.put("repos", text("acme/ok\nnot a repo\nhttps://github.com/acme/x"));
        Response r = SlackRequests.post(submission(ADMIN, Map.of("team", "", "created", true, "origin", "C0SUBAD",
                "repos", true), form));

        r.then().statusCode(200);
        JsonNode body = JSON.readTree(r.asString());
        assertEquals("errors", body.path("response_action").asText());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("team", "Use lower-case letters, digits and '-' (up to 64), starting with a letter or digit.");
        expected.put("channel", "Pick the channel the weekly digest goes to.");
        expected.put("min_contributors", "Must be a whole number of at least 3: fewer people would let a team "
                + "figure point at a person.");
        expected.put("repos", "Not owner/name or group/subgroup/name: not a repo, https://github.com/acme/x.");
        expected.put("timezone", "Must be an IANA time zone such as Europe/Berlin.");
        expected.put("work_end", "Must end after it starts.");
        expected.put("monthly_budget", "Must be from 0 to 1000000000 with at most 2 decimals.");
        expected.put("workflow_budget_coding", "Must be from 0 to 1000000000 with at most 2 decimals.");
        assertEquals(expected, JSON.convertValue(body.path("errors"), Map.class));
        assertEquals(auditRows, audit.newestFirst(1000).size(), "nothing saved, nothing audited");
        assertTrue(teams.find("bad-team").isEmpty());
    }

    @Test
    void aValidFormIsSavedAuditedWithTheSlackUserRescheduledAndConfirmedPrivately() throws IOException {
        // A PR merged in a repository no team has yet: it is unassigned until the form maps the repository.
        GitHubHooks.post("pull_request", GitHubHooks.pullRequest("pull_request-closed-merged", "closed",
                "Acme/SU-Payments-API", 91_000_001L, 7, "octo", "Add refunds", "2026-11-10T09:00:00Z",
                "2026-11-11T09:00:00Z", "2026-11-11T09:00:00Z", "0123456789abcdef0123456789abcdef01234567"))
                .then().statusCode(202);
        assertEquals("unassigned", prTeam("acme/su-payments-api"));
        Response r = SlackRequests.post(submission(ADMIN, Map.of("team", "su-payments", "created", true, "origin",
                "C0SUPAY", "repos", true), validForm("su-payments", "C0SUPAY")));
        r.then().statusCode(200);
        assertEquals("", r.asString(), "an empty ack closes the modal");

        TeamSettings t = teams.find("su-payments").orElseThrow();
        assertEquals(new TeamSettings("su-payments", "C0SUPAY", "C0SUALERT", "Europe/Berlin", "FRIDAY", "17:30",
                "08:00-16:30", new BigDecimal("5000.00"), Map.of("coding", new BigDecimal("3000.00")), 4, true, "THURSDAY",
                "15:00",
                List.of("acme/platform/su-payments-web", "acme/su-payments-api"), List.of(), List.of(), List.of()), t);
        List<AuditLog.Entry> rows = audit.newestFirst(3);
        assertEquals(List.of("repo.map repo/acme/su-payments-api", "repo.map repo/acme/platform/su-payments-web",
                "team.create team/su-payments"), rows.stream().map(e -> e.action() + " " + e.target()).toList());
        rows.forEach(e -> assertEquals(ADMIN, e.actor()));
        assertEquals("su-payments", prTeam("acme/su-payments-api"), "the repository's records follow the mapping");

        CronTrigger trigger = scheduler.triggerOf("su-payments").orElseThrow();
        assertEquals("0 30 17 ? * FRI", trigger.getCronExpression());
        assertEquals("Europe/Berlin", trigger.getTimeZone().getID());
        ZonedDateTime next = nextAt(DayOfWeek.FRIDAY, LocalTime.of(17, 30), ZoneId.of("Europe/Berlin"));
        assertEquals(next.toInstant(), trigger.getNextFireTime().toInstant());

        Await.until("the confirmation", () -> slack.calls("/api/chat.postEphemeral").stream()
                .anyMatch(c -> "C0SUPAY".equals(c.form().get("channel"))));
        FakeSlack.Call confirmation = slack.calls("/api/chat.postEphemeral").stream()
                .filter(c -> "C0SUPAY".equals(c.form().get("channel"))).findFirst().orElseThrow();
        assertEquals(ADMIN, confirmation.form().get("user"));
        assertEquals(":white_check_mark: Team *su-payments* created. Digest: Friday at 17:30 (Europe/Berlin) in "
                + "<#C0SUPAY>, next on " + DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH)
                        .format(next)
                + ". Alerts in <#C0SUALERT>. Monthly envelope $5,000.00, 2 repositories, at least 4 contributors "
                + "per figure, pulse on.", confirmation.form().get("text"));

        // The same form again, for the team that exists now: Monday 09:00, no envelope, no alert channel, one
        // repository left. Every field as entered (empty = none), the other repository unmapped, the trigger moved.
        Map<String, ObjectNode> again = validForm("ignored", "C0SUPAY");
        again.remove("team");
        again.put("alert_channel", JSON.createObjectNode().put("type", "conversations_select"));
        again.put("digest_day", option("MONDAY"));
        again.put("digest_time", time("09:00"));
        again.put("monthly_budget", number(null));
        again.put("repos", text("acme/su-payments-api"));
        again.put("pulse", checked(false));
        SlackRequests.post(submission(ADMIN, Map.of("team", "su-payments", "created", false, "origin", "C0SUPAY",
                "repos", true), again)).then().statusCode(200);
        t = teams.find("su-payments").orElseThrow();
        assertNull(t.alertChannel());
        assertNull(t.monthlyBudgetUsd());
        assertFalse(t.pulse());
        assertEquals(List.of("acme/su-payments-api"), t.repos());
        assertEquals(List.of("repo.unmap repo/acme/platform/su-payments-web", "team.update team/su-payments"),
                audit.newestFirst(2).stream().map(e -> e.action() + " " + e.target()).toList());
        trigger = scheduler.triggerOf("su-payments").orElseThrow();
        assertEquals("0 0 9 ? * MON", trigger.getCronExpression());
        assertEquals(nextAt(DayOfWeek.MONDAY, LocalTime.of(9, 0), ZoneId.of("Europe/Berlin")).toInstant(),
                trigger.getNextFireTime().toInstant());
    }

    String prTeam(String repo) {
        return db.one("SELECT team_id FROM gh_pull_request WHERE repo = ?", rs -> rs.getString(1), repo)
                .orElseThrow();
    }

    /** The next {@code day} at {@code time} in {@code zone} after now. */
    static ZonedDateTime nextAt(DayOfWeek day, LocalTime time, ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(zone);
        ZonedDateTime at = now.with(TemporalAdjusters.nextOrSame(day)).with(time);
        return at.isAfter(now) ? at : at.plusWeeks(1);
    }

    @Test
    void aSubmissionFromSomeoneWhoIsNoLongerAnAdminIsRefusedInline() throws IOException {
        Response r = SlackRequests.post(submission("U0SUEXADMIN", Map.of("team", "su-demoted", "created", true,
                "origin", "C0SUDEM", "repos", true), validForm("su-demoted", "C0SUDEM")));
        JsonNode body = JSON.readTree(r.asString());
        assertEquals("errors", body.path("response_action").asText());
        assertEquals(Map.of("channel", "Sorry, only Tokenwise admins can set teams up: <@U0ENVADMIN> and this "
                + "workspace's admins and owners. Ask one of them to run `/tokenwise admin` in the team's channel."),
                JSON.convertValue(body.path("errors"), Map.class));
        assertTrue(teams.find("su-demoted").isEmpty());
    }

    @Test
    void boltAnswersUrlVerificationWithTheChallenge() {
        String body = "{\"token\":\"legacy\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";
        Response r = SlackRequests.postJson(body, Instant.now());
        r.then().statusCode(200);
        assertThat(r.asString(), containsString("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }
}
