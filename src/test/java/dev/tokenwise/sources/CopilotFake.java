package dev.tokenwise.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.tokenwise.support.FakeUpstream;

/**
 * GitHub's Copilot usage-metrics reports as the fake answers them: per day, the report endpoints answer with
 * download links — the per-user report in two files (the first on the API's own origin, the second on the report
 * host {@code localhost}) and the user-teams report in one file on the report host — and the files hold NDJSON rows
 * in the documented shape.
 */
final class CopilotFake {

    /** One user's day: the documented counters of a per-user row. */
    record User(long id, int interactions, int generated, int accepted, int loc, int chat, List<String> teams) {
    }

    static final String USERS_REPORT = "/orgs/acme/copilot/metrics/reports/users-1-day";
    static final String TEAMS_REPORT = "/orgs/acme/copilot/metrics/reports/user-teams-1-day";

    private CopilotFake() {
    }

    /** The same users every day. */
    static Function<FakeUpstream.Request, FakeUpstream.Response> reports(FakeUpstream gh, List<User> users) {
        return reports(gh, day -> users);
    }

    static Function<FakeUpstream.Request, FakeUpstream.Response> reports(FakeUpstream gh,
            Function<String, List<User>> usersOfDay) {
        return r -> {
            String p = r.path();
            if (p.equals(USERS_REPORT)) {
                String day = r.query().get("day");
                return FakeUpstream.Response.json("{\"download_links\":[\"" + gh.url() + "/files/users-" + day
                        + "-1.ndjson\",\"" + gh.localhostUrl() + "/files/users-" + day + "-2.ndjson\"],"
                        + "\"report_day\":\"" + day + "\"}");
            }
            if (p.equals(TEAMS_REPORT)) {
                String day = r.query().get("day");
                return FakeUpstream.Response.json("{\"download_links\":[\"" + gh.localhostUrl() + "/files/teams-"
                        + day + ".ndjson\"],\"report_day\":\"" + day + "\"}");
            }
            if (p.startsWith("/files/users-")) {
                String day = p.substring("/files/users-".length(), "/files/users-".length() + 10);
                List<User> all = usersOfDay.apply(day);
                int half = (all.size() + 1) / 2;
                List<User> part = p.endsWith("-1.ndjson") ? all.subList(0, half) : all.subList(half, all.size());
                return ndjson(part.stream().map(u -> userRow(u, day)).toList());
            }
            if (p.startsWith("/files/teams-")) {
                String day = p.substring("/files/teams-".length(), "/files/teams-".length() + 10);
                List<String> rows = new ArrayList<>();
                for (User u : usersOfDay.apply(day)) {
                    for (String slug : u.teams()) {
                        rows.add(String.format(Locale.ROOT, "{\"user_id\": %d, \"user_login\": \"user%d\", "
                                + "\"day\": \"%s\", \"organization_id\": \"999\", \"team_id\": %d, \"slug\": \"%s\"}",
                                u.id(), u.id(), day, Math.abs(slug.hashCode()), slug));
                    }
                }
                return ndjson(rows);
            }
            return FakeUpstream.Response.status(404, "{\"message\":\"Not Found\"}");
        };
    }

    /** A per-user row in the documented shape (fields the service does not read included). */
    static String userRow(User u, String day) {
        return String.format(Locale.ROOT, "{\"user_id\":%d,\"user_login\":\"user%d\",\"day\":\"%s\","
                + "\"organization_id\":\"100000001\",\"enterprise_id\":\"200001\","
                + "\"user_initiated_interaction_count\":%d,\"code_generation_activity_count\":%d,"
                + "\"code_acceptance_activity_count\":%d,\"totals_by_ide\":[],\"totals_by_feature\":["
                + "{\"feature\":\"chat_panel_ask_mode\",\"user_initiated_interaction_count\":%d,"
                + "\"code_generation_activity_count\":0,\"code_acceptance_activity_count\":0,\"loc_added_sum\":0},"
                + "{\"feature\":\"code_completion\",\"user_initiated_interaction_count\":%d,"
                + "\"code_generation_activity_count\":%d,\"code_acceptance_activity_count\":%d,\"loc_added_sum\":%d}],"
                + "\"used_agent\":false,\"used_chat\":%s,\"loc_suggested_to_add_sum\":0,\"loc_added_sum\":%d,"
                + "\"loc_deleted_sum\":1}",
                u.id(), u.id(), day, u.interactions(), u.generated(), u.accepted(), u.chat(),
                u.interactions() - u.chat(), u.generated(), u.accepted(), u.loc(), u.chat() > 0, u.loc());
    }

    static FakeUpstream.Response ndjson(List<String> rows) {
        return new FakeUpstream.Response(200, String.join("\n", rows) + "\n",
                Map.of("Content-Type", "application/x-ndjson"));
    }

    /** A test resource under payloads/copilot/. */
    static String payload(String name) {
        try (var in = CopilotFake.class.getResourceAsStream("/payloads/copilot/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
