package dev.tokenwise.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.FakeUpstream;

/**
 * OpenAI's organisation costs (docs/contract.md §5.7) against a fake over real HTTP, without Quarkus: the request as
 * documented (Unix-second bounds, daily buckets grouped by project, the admin key as bearer), every page followed by
 * its {@code next_page}, amounts summed per project and day, a cost without project under '', and the days stored
 * in order up to the first day the answer does not hold.
 */
class OpenAiCostSourceTest {

    /** 2026-11-01T00:00:00Z */
    static final long NOV_1 = 1_793_491_200L;
    static final String KEY = "sk-admin-TESTSECRETopenai";

    private FakeUpstream openai;
    private final Map<LocalDate, Map<String, Double>> stored = new TreeMap<>();
    private final List<LocalDate> told = new ArrayList<>();

    /** Captures what would be stored instead of writing it (the store's SQL is covered by BilledCostTest). */
    private final BilledStore store = new BilledStore(null) {
        @Override
        public void replaceDay(String source, LocalDate day, Map<String, Double> byAccount) {
            assertEquals("openai", source);
            stored.put(day, byAccount);
        }
    };

    @BeforeEach
    void start() {
        openai = new FakeUpstream().start();
    }

    @AfterEach
    void stop() {
        openai.stop();
    }

    private OpenAiCostSource source(String key) {
        TestSourcesConfig config = new TestSourcesConfig(openai.url(), key);
        return new OpenAiCostSource(config, new SourceHttp(config), store);
    }

    static String bucket(long start, String results) {
        return "{\"object\":\"bucket\",\"start_time\":" + start + ",\"end_time\":" + (start + 86_400)
                + ",\"results\":[" + results + "]}";
    }

    static String result(String project, String value) {
        return "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":" + value + ",\"currency\":\"usd\"},"
                + "\"line_item\":null,\"project_id\":" + (project == null ? "null" : "\"" + project + "\"") + "}";
    }

    @Test
    void everyPageIsReadAndEachDayStoredPerProjectInOrder() {
        assertEquals(NOV_1, LocalDate.parse("2026-11-01").atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond());
        openai.handle(r -> {
            String page = r.query().get("page");
            if (page == null) {
                return FakeUpstream.Response.json("{\"object\":\"page\",\"data\":[" + bucket(NOV_1,
                        result("proj_a", "1.25") + "," + result("proj_a", "0.5") + "," + result(null, "0.01"))
                        + "],\"has_more\":true,\"next_page\":\"page_AAAA=\"}");
            }
            if (page.equals("page_AAAA=")) {
                return FakeUpstream.Response.json("{\"object\":\"page\",\"data\":[" + bucket(NOV_1 + 86_400,
                        result("proj_b", "2")) + "],\"has_more\":true,\"next_page\":\"page_BBBB\"}");
            }
            return FakeUpstream.Response.json("{\"object\":\"page\",\"data\":[" + bucket(NOV_1 + 2 * 86_400, "")
                    + "],\"has_more\":false,\"next_page\":null}");
        });

        source(KEY).sync(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-03"), told::add);

        assertEquals(Map.of(LocalDate.parse("2026-11-01"), Map.of("proj_a", 1.75, "", 0.01),
                LocalDate.parse("2026-11-02"), Map.of("proj_b", 2.0),
                LocalDate.parse("2026-11-03"), Map.of()), stored);
        assertEquals(List.of(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"),
                LocalDate.parse("2026-11-03")), told);
        List<FakeUpstream.Request> calls = openai.requests();
        assertEquals(3, calls.size());
        assertEquals("/v1/organization/costs", calls.get(0).path());
        assertEquals(Map.of("bucket_width", "1d", "group_by[]", "project_id", "limit", "7", "start_time",
                Long.toString(NOV_1), "end_time", Long.toString(NOV_1 + 3 * 86_400)), calls.get(0).query());
        assertEquals("page_AAAA=", calls.get(1).query().get("page"));
        assertEquals("page_BBBB", calls.get(2).query().get("page"));
        calls.forEach(c -> assertEquals("Bearer " + KEY, c.header("Authorization")));
    }

    @Test
    void aDayTheAnswerDoesNotHoldYetEndsTheRunWithoutError() {
        openai.handle(r -> FakeUpstream.Response.json("{\"object\":\"page\",\"data\":[" + bucket(NOV_1,
                result("proj_a", "3")) + "],\"has_more\":false,\"next_page\":null}"));
        source(KEY).sync(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"), told::add);
        assertEquals(List.of(LocalDate.parse("2026-11-01")), told);
        assertEquals(Map.of(LocalDate.parse("2026-11-01"), Map.of("proj_a", 3.0)), stored);
    }

    @Test
    void anAnswerThatIsNotACostPageFailsTheRunAndStoresNothing() {
        openai.handle(r -> FakeUpstream.Response.json("{\"error\":\"nope\"}"));
        SourceFailure f = assertThrows(SourceFailure.class,
                () -> source(KEY).sync(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"), told::add));
        assertEquals("OpenAI's organisation costs answered without a data array", f.getMessage());
        assertEquals(Map.of(), stored);
    }

    @Test
    void withoutItsKeyTheSourceIsOff() {
        assertFalse(source(null).enabled());
        assertEquals("TOKENWISE_OPENAI_ADMIN_KEY", source(null).needs());
        assertEquals(List.of(), openai.requests());
    }
}
