package dev.tokenwise.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.settings.GlobalSettings;
import dev.tokenwise.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;

/**
 * Hostile input over the admin API, one table: each refused request must be answered with exactly its 4xx, as
 * {@code application/problem+json} naming exactly the bad field, and must leave every team, repository mapping,
 * price, setting and the audit log as they were (read back through the API, from the real database). The valid
 * boundary cases (the largest budget, the longest channel, the last date ...) must be stored and audited.
 */
@QuarkusTest
class HostileAdminInputTest {

    static final String TEAM = "hostile-base";
    static final String TEAM_PATH = "/api/admin/teams/" + TEAM;
    static final String PRICE_PATH = "/api/admin/prices/hostile-model";
    static final String SETTINGS_PATH = "/api/admin/settings";
    static final String BASE_TEAM = "{\"channel\":\"C0HOSTILE\",\"timezone\":\"Europe/Berlin\","
            + "\"monthly_budget_usd\":500,\"workflow_budgets_usd\":{\"coding\":300},\"min_contributors\":3}";
    static final String DEFAULT_SETTINGS = "{\"spike_factor\":3,\"spike_mad_factor\":4,\"spike_floor_usd\":20,"
            + "\"session_cost_usd\":50,\"session_hours\":4,\"defect_labels\":[\"bug\",\"defect\"],"
            + "\"ai_assisted_label\":\"ai-assisted\",\"incident_label\":\"incident\","
            + "\"production_environments\":[\"production\",\"prod\"],\"ai_commit_patterns\":"
            + json(GlobalSettings.DEFAULT_AI_COMMIT_PATTERNS) + ",\"ai_bot_authors\":"
            + json(GlobalSettings.DEFAULT_AI_BOT_AUTHORS) + ",\"hotfix_labels\":[\"hotfix\"]}";
    static final String PRICE = "\"input\":3,\"cached_input\":0.3,\"cache_write\":3.75,\"output\":15";

    /**
     * One request and what must come of it. {@code field} is the one field the problem names (null: a refusal
     * without a field, or a stored request); {@code stored} checks what a valid request stored.
     */
    record Case(String name, String method, String path, String body, int status, String field,
            Consumer<Response> stored) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Case refused(String name, String method, String path, String body, String field) {
        return new Case(name, method, path, body, 400, field, null);
    }

    static Case stored(String name, String method, String path, String body, int status, Consumer<Response> check) {
        return new Case(name, method, path, body, status, null, check);
    }

    static String repeat(String s, int n) {
        return String.join("", Collections.nCopies(n, s));
    }

    static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jsonList(List<String> items) {
        return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    static Stream<Case> cases() {
        String a64 = "C" + repeat("A", 63);
        String repo200 = repeat("o", 99) + "/" + repeat("n", 100);
        return Stream.of(
                // --- teams: types the JSON reader refuses ------------------------------------------------------
                refused("budget is a word", "PUT", TEAM_PATH, "{\"monthly_budget_usd\":\"lots\"}", "monthly_budget_usd"),
                refused("body is an array", "PUT", TEAM_PATH, "[]", "body"),
                refused("budget is NaN (not JSON)", "PUT", TEAM_PATH, "{\"monthly_budget_usd\":NaN}",
                        "monthly_budget_usd"),
                refused("trailing braces after the object", "PUT", TEAM_PATH, "{\"channel\":\"C0OTHER\"}}}", "body"),
                refused("two objects (NDJSON) as one body", "PUT", TEAM_PATH,
                        "{\"channel\":\"C0ONE\"}\n{\"channel\":\"C0TWO\"}", "body"),
                refused("min_contributors is a fraction", "PUT", TEAM_PATH, "{\"min_contributors\":2.5}",
                        "min_contributors"),
                refused("min_contributors beyond an int", "PUT", TEAM_PATH, "{\"min_contributors\":99999999999}",
                        "min_contributors"),
                refused("workflow budget is a word", "PUT", TEAM_PATH, "{\"workflow_budgets_usd\":{\"coding\":\"x\"}}",
                        "workflow_budgets_usd.coding"),
                refused("workflow budgets is an array", "PUT", TEAM_PATH, "{\"workflow_budgets_usd\":[1]}",
                        "workflow_budgets_usd"),
                refused("raw NUL byte inside a JSON string", "PUT", TEAM_PATH, "{\"channel\":\"C0\u0000X\"}", "channel"),
                // --- teams: values beyond what the columns hold or what is sensible -----------------------------
                refused("budget 1e15", "PUT", TEAM_PATH, "{\"monthly_budget_usd\":1e15}", "monthly_budget_usd"),
                refused("budget one cent over the limit", "PUT", TEAM_PATH, "{\"monthly_budget_usd\":1000000000.01}",
                        "monthly_budget_usd"),
                refused("budget with three decimals", "PUT", TEAM_PATH, "{\"monthly_budget_usd\":12.345}",
                        "monthly_budget_usd"),
                refused("negative budget", "PUT", TEAM_PATH, "{\"monthly_budget_usd\":-1}", "monthly_budget_usd"),
                refused("workflow budget 1e10", "PUT", TEAM_PATH, "{\"workflow_budgets_usd\":{\"coding\":1e10}}",
                        "workflow_budgets_usd.coding"),
                refused("workflow named twice", "PUT", TEAM_PATH,
                        "{\"workflow_budgets_usd\":{\"coding\":1,\"CODING\":2}}", "workflow_budgets_usd.CODING"),
                refused("80-character channel id", "PUT", TEAM_PATH, "{\"channel\":\"C" + repeat("X", 79) + "\"}",
                        "channel"),
                refused("NUL in the alert channel", "PUT", TEAM_PATH, "{\"alert_channel\":\"C0\\u0000X\"}",
                        "alert_channel"),
                refused("NUL in the time zone", "PUT", TEAM_PATH, "{\"timezone\":\"Europe/Berlin\\u0000\"}",
                        "timezone"),
                refused("unknown time zone", "PUT", TEAM_PATH, "{\"timezone\":\"Mars/Olympus\"}", "timezone"),
                refused("NUL in the digest day", "PUT", TEAM_PATH, "{\"digest_day\":\"mon\\u0000day\"}", "digest_day"),
                refused("NUL in the team id", "PUT", "/api/admin/teams/hostile%00x", "{}", "team"),
                refused("65-character team id", "PUT", "/api/admin/teams/" + repeat("t", 65), "{}", "team"),
                // --- repositories -------------------------------------------------------------------------------
                refused("repository of 201 characters", "PUT",
                        "/api/admin/repos/" + repeat("o", 100) + "/" + repeat("n", 100), "{\"team\":\"" + TEAM + "\"}",
                        "repo"),
                refused("NUL in the mapped team", "PUT", "/api/admin/repos/acme/hostile-one",
                        "{\"team\":\"hostile\\u0000base\"}", "team"),
                refused("team is an array", "PUT", "/api/admin/repos/acme/hostile-one",
                        "{\"team\":[\"" + TEAM + "\"]}", "team"),
                refused("content after the repository body", "PUT", "/api/admin/repos/acme/hostile-one",
                        "{\"team\":\"" + TEAM + "\"} x", "body"),
                // --- prices -------------------------------------------------------------------------------------
                refused("price 1e7", "PUT", PRICE_PATH, "{\"input\":1e7,\"cached_input\":0.3,\"cache_write\":3.75,"
                        + "\"output\":15}", "input"),
                refused("price with 7 decimals", "PUT", PRICE_PATH, "{\"input\":3,\"cached_input\":0.0000001,"
                        + "\"cache_write\":3.75,\"output\":15}", "cached_input"),
                refused("price is a word", "PUT", PRICE_PATH, "{" + PRICE.replace("\"output\":15", "\"output\":\"cheap\"")
                        + "}", "output"),
                refused("effective_from month 13", "PUT", PRICE_PATH, "{" + PRICE + ",\"effective_from\":\"2026-13-01\"}",
                        "effective_from"),
                refused("effective_from before 2000", "PUT", PRICE_PATH,
                        "{" + PRICE + ",\"effective_from\":\"1999-12-31\"}", "effective_from"),
                refused("effective_from in year 10000", "PUT", PRICE_PATH,
                        "{" + PRICE + ",\"effective_from\":\"+10000-01-01\"}", "effective_from"),
                refused("NUL in the model name", "PUT", "/api/admin/prices/hostile%00model", "{" + PRICE + "}", "model"),
                refused("price body is an array", "PUT", PRICE_PATH, "[]", "body"),
                // --- settings -----------------------------------------------------------------------------------
                refused("2,000 defect labels", "PUT", SETTINGS_PATH, "{\"defect_labels\":"
                        + jsonList(IntStream.range(0, 2000).mapToObj(i -> "label-" + i).toList()) + "}",
                        "defect_labels"),
                refused("NUL in a defect label", "PUT", SETTINGS_PATH, "{\"defect_labels\":[\"bug\",\"de\\u0000fect\"]}",
                        "defect_labels[1]"),
                refused("51-character defect label", "PUT", SETTINGS_PATH,
                        "{\"defect_labels\":[\"" + repeat("b", 51) + "\"]}", "defect_labels[0]"),
                refused("defect labels is a string", "PUT", SETTINGS_PATH, "{\"defect_labels\":\"bug\"}",
                        "defect_labels"),
                refused("no hotfix label", "PUT", SETTINGS_PATH, "{\"hotfix_labels\":[]}", "hotfix_labels"),
                refused("51-character hotfix label", "PUT", SETTINGS_PATH,
                        "{\"hotfix_labels\":[\"" + repeat("h", 51) + "\"]}", "hotfix_labels[0]"),
                refused("11 production environments", "PUT", SETTINGS_PATH, "{\"production_environments\":"
                        + jsonList(IntStream.range(0, 11).mapToObj(i -> "env-" + i).toList()) + "}",
                        "production_environments"),
                refused("NUL in the AI label", "PUT", SETTINGS_PATH, "{\"ai_assisted_label\":\"ai\\u0000\"}",
                        "ai_assisted_label"),
                refused("spike factor 1e400", "PUT", SETTINGS_PATH, "{\"spike_factor\":1e400}", "spike_factor"),
                refused("spike floor is a word", "PUT", SETTINGS_PATH, "{\"spike_floor_usd\":\"lots\"}",
                        "spike_floor_usd"),
                refused("session of 25 hours", "PUT", SETTINGS_PATH, "{\"session_hours\":25}", "session_hours"),
                refused("session cost 1e15", "PUT", SETTINGS_PATH, "{\"session_cost_usd\":1e15}", "session_cost_usd"),
                refused("51 AI commit patterns", "PUT", SETTINGS_PATH, "{\"ai_commit_patterns\":"
                        + jsonList(IntStream.range(0, 51).mapToObj(i -> "p" + i).toList()) + "}",
                        "ai_commit_patterns"),
                refused("AI commit pattern that does not compile", "PUT", SETTINGS_PATH,
                        "{\"ai_commit_patterns\":[\"ok\",\"co-authored-by: (claude\"]}", "ai_commit_patterns[1]"),
                refused("201-character AI commit pattern", "PUT", SETTINGS_PATH,
                        "{\"ai_commit_patterns\":[\"" + repeat("a", 201) + "\"]}", "ai_commit_patterns[0]"),
                refused("NUL in an AI commit pattern", "PUT", SETTINGS_PATH,
                        "{\"ai_commit_patterns\":[\"claude\\u0000\"]}", "ai_commit_patterns[0]"),
                refused("65-character AI bot login", "PUT", SETTINGS_PATH,
                        "{\"ai_bot_authors\":[\"" + repeat("b", 65) + "\"]}", "ai_bot_authors[0]"),
                refused("array closed after the settings", "PUT", SETTINGS_PATH, "{\"spike_floor_usd\":25}]", "body"),
                // --- query parameters ---------------------------------------------------------------------------
                refused("audit limit is a word", "GET", "/api/admin/audit?limit=abc", null, "limit"),
                refused("outbox limit beyond an int", "GET", "/api/admin/outbox?limit=99999999999", null, "limit"),
                refused("scorecard from year 1900", "GET", "/api/teams/" + TEAM + "/scorecard?from=1900-01-01&to=2026-01-08",
                        null, "from"),

                // --- valid boundaries: stored and audited -------------------------------------------------------
                stored("largest budget", "PUT", TEAM_PATH, "{\"monthly_budget_usd\":1000000000,"
                        + "\"workflow_budgets_usd\":{\"Coding\":1000000000,\"review\":0.01}}", 200, r -> {
                            JsonPath team = getJson(TEAM_PATH);
                            assertThat(team.getObject("monthly_budget_usd", BigDecimal.class),
                                    comparesEqualTo(new BigDecimal("1000000000")));
                            assertThat(team.getObject("workflow_budgets_usd.coding", BigDecimal.class),
                                    comparesEqualTo(new BigDecimal("1000000000")));
                            assertThat(team.getObject("workflow_budgets_usd.review", BigDecimal.class),
                                    comparesEqualTo(new BigDecimal("0.01")));
                            assertAudited("team.update", "team/" + TEAM);
                        }),
                stored("64-character channel id", "PUT", TEAM_PATH, "{\"channel\":\"" + a64 + "\"}", 200, r -> {
                    assertEquals(a64, getJson(TEAM_PATH).getString("channel"));
                    assertAudited("team.update", "team/" + TEAM);
                }),
                stored("repository of 200 characters", "PUT", "/api/admin/repos/" + repo200,
                        "{\"team\":\"" + TEAM + "\"}", 200, r -> {
                            assertThat(getJson(TEAM_PATH).getList("repos"), org.hamcrest.Matchers.hasItem(repo200));
                            assertAudited("repo.map", "repo/" + repo200);
                        }),
                stored("highest price, most decimals, last day", "PUT", PRICE_PATH, "{\"input\":10000,"
                        + "\"cached_input\":0.000001,\"cache_write\":9999.999999,\"output\":0,"
                        + "\"effective_from\":\"2100-12-31\"}", 200, r -> {
                            JsonPath prices = getJson("/api/admin/prices");
                            String row = "find { it.model == 'hostile-model' && it.effective_from == '2100-12-31' }";
                            assertThat(prices.getObject(row + ".input", BigDecimal.class),
                                    comparesEqualTo(new BigDecimal("10000")));
                            assertThat(prices.getObject(row + ".cached_input", BigDecimal.class),
                                    comparesEqualTo(new BigDecimal("0.000001")));
                            assertThat(prices.getObject(row + ".cache_write", BigDecimal.class),
                                    comparesEqualTo(new BigDecimal("9999.999999")));
                            assertAudited("price.put", "price/hostile-model@2100-12-31");
                        }),
                stored("first day of the range", "PUT", PRICE_PATH,
                        "{" + PRICE + ",\"effective_from\":\"2000-01-01\"}", 200, r -> {
                            assertEquals("2000-01-01", r.jsonPath().getString("effective_from"));
                            assertAudited("price.put", "price/hostile-model@2000-01-01");
                        }),
                stored("largest settings, every character escaped", "PUT", SETTINGS_PATH, largestSettings(), 200,
                        r -> {
                            JsonPath s = getJson(SETTINGS_PATH);
                            assertEquals(20, s.getList("defect_labels").size());
                            assertEquals(repeat("\"", 48) + "-a", s.getString("defect_labels[0]"));
                            assertEquals(repeat("\\", 63) + "9", s.getString("production_environments[9]"));
                            assertEquals(10, s.getList("production_environments").size());
                            assertEquals(50, s.getList("ai_commit_patterns").size());
                            assertEquals(repeat("\"", 198) + "49", s.getString("ai_commit_patterns[49]"));
                            assertEquals(50, s.getList("ai_bot_authors").size());
                            assertEquals(repeat("\\", 62) + "00", s.getString("ai_bot_authors[0]"));
                            assertThat(s.getObject("spike_floor_usd", BigDecimal.class),
                                    comparesEqualTo(new BigDecimal("999999999.99")));
                            assertAudited("settings.update", "settings");
                        }));
    }

    /**
     * The most the settings can hold: 20 labels of 50 characters, 10 environments of 64, 50 AI commit patterns of
     * 200 and 50 bot logins of 64, made of quotes and backslashes, which JSON doubles; they must still fit the
     * settings column and the audit's.
     */
    static String largestSettings() {
        // In the JSON text below \" is one quote and \\ one backslash: each label is 48 quotes, '-' and a letter.
        List<String> labels = IntStream.range(0, 20).mapToObj(i -> repeat("\\\"", 48) + "-" + (char) ('a' + i))
                .toList();
        List<String> environments = IntStream.range(0, 10).mapToObj(i -> repeat("\\\\", 63) + i).toList();
        return "{\"spike_factor\":99.9999,\"spike_mad_factor\":99.9999,\"spike_floor_usd\":999999999.99,"
                + "\"session_cost_usd\":999999999.99,\"session_hours\":23.9999,\"defect_labels\":" + jsonList(labels)
                + ",\"ai_assisted_label\":\"" + repeat("\\\"", 50) + "\",\"incident_label\":\"" + repeat("\\\\", 50)
                + "\",\"production_environments\":" + jsonList(environments) + ",\"ai_commit_patterns\":"
                + jsonList(IntStream.range(0, 50).mapToObj(i -> repeat("\\\"", 198) + String.format("%02d", i))
                        .toList())
                + ",\"ai_bot_authors\":" + jsonList(IntStream.range(0, 50)
                        .mapToObj(i -> repeat("\\\\", 62) + String.format("%02d", i)).toList())
                + "}";
    }

    @BeforeEach
    void baseTeam() {
        Api.admin().body(BASE_TEAM).put(TEAM_PATH).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200),
                equalTo(201)));
    }

    @AfterEach
    void defaultSettings() {
        Api.admin().body(DEFAULT_SETTINGS).put(SETTINGS_PATH).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileAdminInput(Case c) {
        Snapshot before = Snapshot.take();
        Response r = send(c);
        r.then().statusCode(c.status());
        if (c.stored() == null) {
            r.then().contentType("application/problem+json")
                    .body("status", equalTo(c.status()));
            if (c.field() != null) {
                r.then().body("errors.field", contains(c.field()));
            }
            assertEquals(before, Snapshot.take(), "a refused request changed what is stored");
        } else {
            c.stored().accept(r);
            assertNotEquals(before.auditHead(), Snapshot.take().auditHead(), "a stored change must be audited");
        }
    }

    static Response send(Case c) {
        var spec = Api.admin().urlEncodingEnabled(false);
        if (c.body() != null) {
            spec = spec.body(c.body());
        }
        return "GET".equals(c.method()) ? spec.get(c.path()) : spec.put(c.path());
    }

    static JsonPath getJson(String path) {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN).get(path)
                .then().statusCode(200).extract().jsonPath(JsonPathConfig.jsonPathConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    static void assertAudited(String action, String target) {
        JsonPath newest = Api.admin().get("/api/admin/audit?limit=1").then().statusCode(200).extract().jsonPath();
        assertEquals(action, newest.getString("[0].action"));
        assertEquals(target, newest.getString("[0].target"));
        assertEquals("admin", newest.getString("[0].actor"));
    }

    /** Everything an admin request can change, as the API shows it. */
    record Snapshot(long auditHead, String teams, String prices, String settings) {

        static Snapshot take() {
            JsonPath audit = Api.admin().get("/api/admin/audit?limit=1").then().statusCode(200).extract().jsonPath();
            return new Snapshot(audit.getList("id").isEmpty() ? -1 : audit.getLong("[0].id"),
                    Api.admin().get("/api/admin/teams").then().statusCode(200).extract().asString(),
                    Api.admin().get("/api/admin/prices").then().statusCode(200).extract().asString(),
                    Api.admin().get(SETTINGS_PATH).then().statusCode(200).extract().asString());
        }
    }
}
