package dev.tokenwise.usage;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.budget.SpendRepository;
import dev.tokenwise.github.GitHubHooks;
import dev.tokenwise.support.Api;
import dev.tokenwise.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The scorecard's cost section, repricing, retention and the read API, against figures worked out by hand. */
@QuarkusTest
class UsageFiguresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    UsageDb db;

    @Inject
    RetentionJob retention;

    @Inject
    SpendRepository spend;

    @AfterEach
    void reset() {
        clock.reset();
    }

    private static void ingest(String json) {
        Api.ingest().contentType(ContentType.JSON).body(json).post("/ingest/usage").then().statusCode(202);
    }

    @Test
    void costSectionOfABerlinWeekFromTheRollups() {
        clock.set("2026-03-10T08:00:00Z");
        Api.team("fig-berlin", "{\"timezone\":\"Europe/Berlin\"}");
        // Week of Mon 2026-03-02 in Berlin (UTC+1): [2026-03-01T23:00Z, 2026-03-08T23:00Z).
        ingest("["
                // Mon 00:30 local, in: 1M input × 3 = 3.00, linked to PR 5
                + "{\"timestamp\":\"2026-03-01T23:30:00Z\",\"team\":\"fig-berlin\",\"repo\":\"acme/fig\","
                + "\"pull_request\":5,\"workflow\":\"coding\",\"model\":\"claude-sonnet-4-5\",\"input_tokens\":1000000,"
                + "\"actor\":\"p1\"},"
                // Sun 23:30 local the day before, out
                + "{\"timestamp\":\"2026-03-01T22:30:00Z\",\"team\":\"fig-berlin\",\"model\":\"claude-sonnet-4-5\","
                + "\"cost_usd\":100},"
                // Sun 23:59 local, in: reported 2.50, unattributed
                + "{\"timestamp\":\"2026-03-08T22:59:00Z\",\"team\":\"fig-berlin\",\"workflow\":\"testing\","
                + "\"model\":\"claude-sonnet-4-5\",\"input_tokens\":500,\"cached_input_tokens\":1000,"
                + "\"cache_write_tokens\":500,\"cost_usd\":2.5,\"actor\":\"p2\"},"
                // next Monday 00:00 local, out
                + "{\"timestamp\":\"2026-03-08T23:00:00Z\",\"team\":\"fig-berlin\",\"model\":\"claude-sonnet-4-5\","
                + "\"cost_usd\":50},"
                // unknown model: cost 0, flagged
                + "{\"timestamp\":\"2026-03-04T12:00:00Z\",\"team\":\"fig-berlin\",\"workflow\":\"docs\","
                + "\"model\":\"fig-mystery\",\"input_tokens\":100,\"output_tokens\":10},"
                // 1M output × 5 = 5.00, unattributed
                + "{\"timestamp\":\"2026-03-04T13:00:00Z\",\"team\":\"fig-berlin\",\"workflow\":\"coding\","
                + "\"model\":\"claude-haiku-4-5\",\"output_tokens\":1000000,\"reasoning_tokens\":200000,"
                + "\"actor\":\"p3\"}]");
        JsonPath j = Api.reader().get("/api/teams/fig-berlin/scorecard?from=2026-03-02&to=2026-03-09")
                .then().statusCode(200).body("withheld", equalTo(false)).extract().jsonPath();
        assertEquals(10.5, j.getDouble("cost.total_usd"), 1e-9);
        assertEquals(7.5, j.getDouble("cost.unattributed_usd"), 1e-9);
        assertEquals(1_000_600, j.getLong("cost.input_tokens"));
        assertEquals(1_000, j.getLong("cost.cached_input_tokens"));
        assertEquals(500, j.getLong("cost.cache_write_tokens"));
        assertEquals(1_000_010, j.getLong("cost.output_tokens"));
        assertEquals(200_000, j.getLong("cost.reasoning_tokens"));
        // 1000 / (1,000,600 + 1000 + 500) = 0.000998 → 0.001
        assertEquals(0.001, j.getDouble("cost.cache_hit_ratio"), 1e-12);
        assertEquals(8.0, j.getDouble("cost.by_workflow.coding"), 1e-9);
        assertEquals(2.5, j.getDouble("cost.by_workflow.testing"), 1e-9);
        assertEquals(0.0, j.getDouble("cost.by_workflow.docs"), 1e-9);
        assertEquals(5.5, j.getDouble("cost.by_model.'claude-sonnet-4-5'"), 1e-9);
        assertEquals(5.0, j.getDouble("cost.by_model.'claude-haiku-4-5'"), 1e-9);
        assertEquals(List.of("fig-mystery"), j.getList("cost.unpriced_models"));

        // The same numbers through the read API for alerts and budgets (Berlin days, from the team-hour rollup).
        Map<LocalDate, Map<String, Double>> days = new TreeMap<>();
        spend.daily(ZoneId.of("Europe/Berlin"), List.of("fig-berlin"), Instant.parse("2026-02-28T23:00:00Z"),
                Instant.parse("2026-03-09T22:00:00Z"), d -> days.computeIfAbsent(d.date(), k -> new TreeMap<>())
                        .merge(d.workflow(), d.costUsd(), Double::sum));
        assertEquals(Set.of("2026-03-01", "2026-03-02", "2026-03-04", "2026-03-08", "2026-03-09"),
                days.keySet().stream().map(LocalDate::toString).collect(java.util.stream.Collectors.toSet()));
        assertEquals(100.0, days.get(LocalDate.parse("2026-03-01")).get("other"), 1e-9);
        assertEquals(3.0, days.get(LocalDate.parse("2026-03-02")).get("coding"), 1e-9);
        assertEquals(5.0, days.get(LocalDate.parse("2026-03-04")).get("coding"), 1e-9);
        assertEquals(2.5, days.get(LocalDate.parse("2026-03-08")).get("testing"), 1e-9);
        assertEquals(50.0, days.get(LocalDate.parse("2026-03-09")).get("other"), 1e-9);
        assertNull(days.get(LocalDate.parse("2026-03-05")));
        Map<String, Double> since = spend.byWorkflow("fig-berlin", Instant.parse("2026-03-08T00:00:00Z"),
                Instant.parse("2026-03-31T00:00:00Z"));
        assertEquals(2.5, since.get("testing"), 1e-9);
        assertEquals(50.0, since.get("other"), 1e-9);
    }

    @Test
    void fewerContributorsThanTheThresholdWithholdTheScorecard() {
        clock.set("2026-03-10T08:00:00Z");
        Api.team("fig-small", "{}");
        ingest("{\"timestamp\":\"2026-03-03T10:00:00Z\",\"team\":\"fig-small\",\"model\":\"claude-sonnet-4-5\","
                + "\"cost_usd\":1,\"actor\":\"only-one\"}");
        // A withheld card keeps every member; its sections and value are present and null.
        Api.reader().get("/api/teams/fig-small/scorecard?from=2026-03-02&to=2026-03-09")
                .then().statusCode(200).body("withheld", equalTo(true)).body("cost", equalTo(null))
                .body("$", hasEntry("cost", null))
                .body("$", hasEntry("delivery", null))
                .body("$", hasEntry("quality", null))
                .body("$", hasEntry("value_per_1k_usd", null));
    }

    @Test
    void aPriceChangeRepricesTableCostsAndCorrectsTheRollups() {
        clock.set("2026-03-10T08:00:00Z");
        Api.team("fig-price", "{}");
        ingest("[{\"id\":\"fig-rp-1\",\"timestamp\":\"2026-03-03T10:00:00Z\",\"team\":\"fig-price\","
                + "\"model\":\"fig-model-20260101\",\"input_tokens\":1000000,\"session_id\":\"fig-rp-s\"},"
                + "{\"id\":\"fig-rp-2\",\"timestamp\":\"2026-03-03T10:00:00Z\",\"team\":\"fig-price\","
                + "\"model\":\"fig-model\",\"input_tokens\":1000000,\"cost_usd\":7}]");
        String url = "/api/teams/fig-price/scorecard?from=2026-03-02&to=2026-03-09";
        Api.reader().get(url).then().body("cost.unpriced_models[0]", equalTo("fig-model-20260101"));

        Api.admin().body("{\"input\":2,\"cached_input\":0.2,\"cache_write\":2.5,\"output\":10,"
                + "\"effective_from\":\"2026-01-01\"}").put("/api/admin/prices/fig-model").then().statusCode(200);
        JsonPath j = Api.reader().get(url).then().statusCode(200).extract().jsonPath();
        assertEquals(9.0, j.getDouble("cost.total_usd"), 1e-9); // 2.00 now priced + 7.00 reported, untouched
        assertEquals(List.of(), j.getList("cost.unpriced_models"));
        assertEquals(9.0, j.getDouble("cost.by_model.'fig-model'"), 1e-9);
        assertNull(j.get("cost.by_model.'fig-model-20260101'"));
        assertEquals(Set.of("fig-model"), j.getMap("cost.by_model").keySet());

        // A newer price from 2026-03-01 on applies to the event of 2026-03-03.
        Api.admin().body("{\"input\":4,\"cached_input\":0.4,\"cache_write\":5,\"output\":20,"
                + "\"effective_from\":\"2026-03-01\"}").put("/api/admin/prices/fig-model").then().statusCode(200);
        j = Api.reader().get(url).then().statusCode(200).extract().jsonPath();
        assertEquals(11.0, j.getDouble("cost.total_usd"), 1e-9);
        assertEquals(4.0, db.sum("SELECT cost_usd FROM usage_event WHERE event_key = 'usage:fig-rp-1'"), 1e-9);
        assertEquals(11.0, db.sum("SELECT SUM(cost_usd) FROM usage_session_hourly WHERE session_id = 'fig-rp-s'")
                + 7.0, 1e-9);
        assertEquals(2, db.count("SELECT SUM(events) FROM usage_hourly WHERE team_id = 'fig-price'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_hourly WHERE team_id = 'fig-price'"));
        // The narrow team-hour rollup is corrected in the same transaction: same events, same cost.
        assertEquals(2, db.count("SELECT SUM(events) FROM usage_team_hourly WHERE team_id = 'fig-price'"));
        assertEquals(11.0, db.sum("SELECT SUM(cost_usd) FROM usage_team_hourly WHERE team_id = 'fig-price'"), 1e-9);
    }

    @Test
    void retentionDeletesOldRawEventsInBatchesAndKeepsTheRollups() {
        clock.set("2020-06-01T00:00:00Z");
        Api.team("fig-retain", "{}");
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"timestamp\":\"2020-01-0").append(1 + i % 9)
                    .append("T10:00:00Z\",\"team\":\"fig-retain\",\"model\":\"m\",\"cost_usd\":1}");
        }
        sb.append(",{\"timestamp\":\"2020-05-30T10:00:00Z\",\"team\":\"fig-retain\",\"model\":\"m\",\"cost_usd\":2}]");
        ingest(sb.toString());
        assertEquals(31, db.events("fig-retain"));
        // GitHub delivery ids: one received before the cutoff, one after.
        clock.set("2020-01-05T00:00:00Z");
        GitHubHooks.post("ping", "fig-retain-old", JSON.createObjectNode().put("zen", "Keep it logically awesome."))
                .then().statusCode(202);
        clock.set("2020-05-30T00:00:00Z");
        GitHubHooks.post("ping", "fig-retain-new", JSON.createObjectNode().put("zen", "Keep it logically awesome."))
                .then().statusCode(202);
        clock.set("2020-06-01T00:00:00Z");
        // Every raw event before the cutoff goes (the database is shared: count them all, this test's are 30).
        OffsetDateTime cutoff = retention.cutoff().atOffset(ZoneOffset.UTC);
        assertEquals(30, db.count("SELECT COUNT(*) FROM usage_event WHERE team_id = 'fig-retain' AND occurred_at < ?",
                cutoff));
        long old = db.count("SELECT COUNT(*) FROM usage_event WHERE occurred_at < ?", cutoff);
        long deleted = retention.run();
        assertEquals(old, deleted);
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_event WHERE occurred_at < ?", cutoff));
        assertEquals(0, db.count("SELECT COUNT(*) FROM github_delivery WHERE delivery_id = 'fig-retain-old'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM github_delivery WHERE delivery_id = 'fig-retain-new'"));
        assertEquals(1, db.events("fig-retain"));
        assertFalse(deleted < 30);
        Api.reader().get("/api/teams/fig-retain/scorecard?from=2020-01-01&to=2020-06-01").then().statusCode(200)
                .body("cost.total_usd", equalTo(32.0f));
    }
}
