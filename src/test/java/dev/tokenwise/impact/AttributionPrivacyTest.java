package dev.tokenwise.impact;

import static dev.tokenwise.impact.AttributionScenario.CLAUDE_FOOTER;
import static dev.tokenwise.impact.AttributionScenario.CLAUDE_TRAILER;
import static dev.tokenwise.impact.AttributionScenario.SECRET_WORD;
import static dev.tokenwise.impact.AttributionScenario.commit;
import static dev.tokenwise.impact.AttributionScenario.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.CapturedLogs;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * AI attribution stays team-level (docs/contract.md §2, §7.7): one person's AI-assisted PRs against the rest of a team
 * are never compared, and no login, e-mail, commit message, command or PR body text sent in reaches any table,
 * answer, message or log line.
 */
@QuarkusTest
class AttributionPrivacyTest {

    /** Friday of the scenario's week. */
    private static final String FRIDAY = "2026-08-14T12:00:00Z";
    private static final long AUG_11_0100 = 1_786_410_000L;

    @Inject
    MutableClock clock;

    @Inject
    DataSource ds;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void onePersonsAiAssistedPrsAreNotComparedWithTheRestOfTheTeam() {
        AttributionScenario s = new AttributionScenario("ai-one");
        // Alice's three PRs are AI-assisted (labels and a body marker); bob, carol and dave's are not.
        s.merged(1, "alice", "2026-08-11T00:00:00Z", "2026-08-11T02:00:00Z", sha(), "a1", sha(), "", "ai-assisted");
        s.merged(2, "alice", "2026-08-11T00:00:00Z", "2026-08-11T03:00:00Z", sha(), "a2", sha(), CLAUDE_FOOTER);
        s.merged(3, "alice", "2026-08-11T00:00:00Z", "2026-08-11T04:00:00Z", sha(), "a3", sha(), "", "ai-assisted");
        s.merged(4, "bob", "2026-08-11T00:00:00Z", "2026-08-11T05:00:00Z", sha(), "b", sha(), "");
        s.merged(5, "carol", "2026-08-11T00:00:00Z", "2026-08-11T06:00:00Z", sha(), "c", sha(), "");
        s.merged(6, "dave", "2026-08-11T00:00:00Z", "2026-08-11T07:00:00Z", sha(), "d", sha(), "");

        JsonPath card = s.scorecard();
        assertEquals(6, card.getInt("delivery.merged_prs"));
        assertNull(card.get("ai_impact.ai_assisted"));
        assertNull(card.get("ai_impact.other"));
        assertEquals("The comparison needs merged PRs from at least 3 different people on each side (AI-assisted "
                + "and other); with fewer it would tell who uses AI. Tokenwise compares groups only.",
                card.getString("ai_impact.withheld_reason"));
        // The team's own share and the signal counts describe the team, not a person: still shown.
        assertEquals(0.5, card.getDouble("delivery.ai_assisted_share"), 1e-9);
        assertEquals(Map.of("label", 2, "usage", 0, "trailer", 0, "body_marker", 1, "bot_author", 0),
                card.getMap("ai_impact.by_signal"));

        // Two more people's AI-assisted PRs: three people on each side, and the comparison is shown.
        s.merged(7, "erin", "2026-08-11T00:00:00Z", "2026-08-11T08:00:00Z", sha(), "e", sha(), "", "ai-assisted");
        s.merged(8, "frank", "2026-08-11T00:00:00Z", "2026-08-11T09:00:00Z", sha(), "f", sha(), "", "ai-assisted");
        JsonPath three = s.scorecard();
        assertNull(three.get("ai_impact.withheld_reason"));
        assertEquals(5, three.getInt("ai_impact.ai_assisted.merged_prs"));
        assertEquals(3, three.getInt("ai_impact.other.merged_prs"));
    }

    @Test
    void noLoginMailCommitMessageOrBodyReachesATableAnAnswerAMessageOrALog() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            AttributionScenario s = new AttributionScenario("ai-private");
            Api.team(s.team, "{\"channel\":\"C0PRIVATE\"}");
            String c = sha();
            s.claudeCode("cc-" + UUID.randomUUID(), c.substring(0, 9));
            s.push("feature/quokka", AUG_11_0100, commit(c, "Add the " + SECRET_WORD + " parser\n\n" + CLAUDE_TRAILER,
                    "2026-08-11T00:30:00Z"));
            String[] people = { "alice-login", "bob-login", "carol-login", "dave-login", "erin-login", "frank-login" };
            for (int n = 1; n <= 6; n++) {
                s.merged(n, people[n - 1], "2026-08-11T00:00:00Z", "2026-08-12T0" + n + ":00:00Z", sha(),
                        n == 1 ? "feature/quokka" : "b" + n, n == 1 ? c : sha(),
                        "Body of " + SECRET_WORD + (n <= 3 ? "\n\n" + CLAUDE_FOOTER : ""));
            }
            s.reviewed(4, people[3], "2026-08-11T00:00:00Z", people[0], "2026-08-11T05:00:00Z", "b4", sha());

            List<String> answers = new ArrayList<>();
            JsonPath card = s.scorecard();
            assertEquals(3, card.getInt("ai_impact.ai_assisted.merged_prs"));
            answers.add(card.prettify());
            clock.set(FRIDAY);
            for (String command : List.of("cost-per-pr " + s.team + " this-week", "digest " + s.team,
                    "impact " + s.team + " this-week")) {
                answers.add(SlackRequests.post(SlackRequests.slashCommandBody(command, "C0PRIVATE", "U0LEAD",
                        "https://hooks.slack.invalid/commands/1"), clock.instant()).then().statusCode(200).extract()
                        .asString());
            }
            clock.set("2026-08-17T10:00:00Z");
            Api.admin().post("/api/admin/teams/" + s.team + "/digest").then().statusCode(202);
            answers.add(Api.admin().get("/api/admin/outbox?limit=100").then().statusCode(200).extract().asString());
            assertTrue(answers.get(answers.size() - 1).contains(s.team), "the digest is in the outbox");

            // The markers' own words are in the settings (the default patterns), so the texts that carried them are
            // traced by the secret word they also held.
            List<String> forbidden = List.of(SECRET_WORD, "developer@example.com", "git commit",
                    "12345678-1234-4234-8234-123456789abc");
            List<String> found = new ArrayList<>();
            for (String word : forbidden) {
                for (String who : people) {
                    check(found, "answer", answers, who);
                }
                check(found, "answer", answers, word);
                check(found, "log", logs.lines(), word);
                for (String who : people) {
                    check(found, "log", logs.lines(), who);
                }
                for (String table : tables()) {
                    if (tableHolds(table, word)) {
                        found.add("table " + table + ": " + word);
                    }
                }
            }
            for (String table : tables()) {
                for (String who : people) {
                    if (tableHolds(table, who)) {
                        found.add("table " + table + ": " + who);
                    }
                }
            }
            assertEquals(List.of(), found.stream().distinct().toList());
            // The scan can fail: the short commit id the session reported is stored, as the link needs it.
            assertTrue(tableHolds("session_commit", c.substring(0, 9)));
        }
    }

    private static void check(List<String> found, String where, List<String> texts, String word) {
        for (String t : texts) {
            if (t.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT))) {
                found.add(where + ": " + word);
            }
        }
    }

    private List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, "%",
                        new String[] { "TABLE" })) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && schema.equalsIgnoreCase("public")) {
                    out.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        assertTrue(out.contains("pr_commit") || out.contains("PR_COMMIT"), "tables found: " + out);
        return out;
    }

    /** Whether any text of the table holds {@code word} (case-insensitive). */
    private boolean tableHolds(String table, String word) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            String w = word.toLowerCase(Locale.ROOT);
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    String v = rs.getString(i);
                    if (v != null && v.toLowerCase(Locale.ROOT).contains(w)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
