package dev.tokenwise.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.support.FakeUpstream;
import dev.tokenwise.support.ServiceProcess;

/**
 * A pulled source's cursor outlives the process (docs/contract.md §5.7): the packaged service fetches Anthropic's
 * cost report from a fake over real HTTP, is killed with SIGKILL, starts again on the same database, and the next
 * sync fetches only the day it had not covered; every day is stored once.
 */
class SourcesRestartIT {

    private static final String ADMIN_TOKEN = "sources-restart-admin";
    private static final String KEY = "sk-ant-admin01-restart-it-key";

    private final ObjectMapper json = new ObjectMapper();
    private ServiceProcess service;
    private FakeUpstream anthropic;
    private boolean passed;

    @BeforeEach
    void service() throws IOException {
        service = new ServiceProcess("SourcesRestartIT", "sources-restart-", "sources-restart-ingest", ADMIN_TOKEN);
        anthropic = new FakeUpstream().start();
    }

    @AfterEach
    void cleanUp() throws Exception {
        anthropic.stop();
        service.cleanUp(passed);
    }

    @Test
    void theCursorSurvivesASigkillAndTheNextSyncFetchesOnlyTheMissingDay() throws Exception {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        // First the report holds the days before yesterday only: yesterday is "not published yet".
        LocalDate[] published = { yesterday.minusDays(1) };
        anthropic.handle(r -> {
            LocalDate first = LocalDate.parse(r.query().get("starting_at").substring(0, 10));
            LocalDate end = LocalDate.parse(r.query().get("ending_at").substring(0, 10));
            List<String> buckets = new ArrayList<>();
            for (LocalDate d = first; d.isBefore(end) && !d.isAfter(published[0]); d = d.plusDays(1)) {
                buckets.add("{\"starting_at\":\"" + d + "T00:00:00Z\",\"ending_at\":\"" + d.plusDays(1)
                        + "T00:00:00Z\",\"results\":[{\"workspace_id\":\"wrkspc_it\",\"amount\":\"250\","
                        + "\"currency\":\"USD\"}]}");
            }
            return FakeUpstream.Response.json("{\"data\":[" + String.join(",", buckets)
                    + "],\"has_more\":false,\"next_page\":null}");
        });
        Map<String, String> env = new HashMap<>(service.databaseEnv("_sources_restart"));
        env.put("TOKENWISE_ANTHROPIC_ADMIN_KEY", KEY);
        env.put("TOKENWISE_ANTHROPIC_API_URL", anthropic.url());
        env.put("TOKENWISE_SOURCES_INITIAL_DAYS", "3");
        env.put("TOKENWISE_SOURCES_EVERY", "off");

        service.start(env);
        JsonNode first = sync();
        assertEquals(2, first.get("days_synced").asInt(), first.toString());
        assertEquals(yesterday.minusDays(1).toString(), first.at("/state/covered_through").asText());
        service.killNine();

        published[0] = yesterday;
        service.start(env);
        JsonNode state = sources();
        assertEquals(yesterday.minusDays(1).toString(), state.get("covered_through").asText(), state.toString());
        int before = anthropic.requests().size();
        JsonNode second = sync();
        assertEquals(1, second.get("days_synced").asInt(), second.toString());
        assertEquals(yesterday.toString(), second.at("/state/covered_through").asText());
        FakeUpstream.Request asked = anthropic.requests().get(before);
        assertEquals(yesterday + "T00:00:00Z", asked.query().get("starting_at"));
        assertEquals(KEY, asked.header("x-api-key"));
        service.stop();

        try (Connection c = service.connect(env);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT bill_day, account, cost_usd FROM billed_cost_day "
                        + "ORDER BY bill_day")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getDate(1).toLocalDate() + " " + rs.getString(2) + " " + rs.getDouble(3));
            }
            assertEquals(List.of(yesterday.minusDays(2) + " wrkspc_it 2.5", yesterday.minusDays(1) + " wrkspc_it 2.5",
                    yesterday + " wrkspc_it 2.5"), rows);
        }
        passed = true;
    }

    private JsonNode sync() throws Exception {
        HttpResponse<String> r = service.send(HttpRequest.newBuilder(service.uri("/api/admin/sources/anthropic/sync"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    private JsonNode sources() throws Exception {
        HttpResponse<String> r = service.send(HttpRequest.newBuilder(service.uri("/api/admin/sources"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET());
        assertEquals(200, r.statusCode(), r.body());
        for (JsonNode n : json.readTree(r.body())) {
            if (n.get("source").asText().equals("anthropic")) {
                return n;
            }
        }
        throw new AssertionError(r.body());
    }
}
