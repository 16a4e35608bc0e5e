package dev.tokenwise.sources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tokenwise.team.TeamService;

/**
 * Folds one day of GitHub's per-user Copilot report rows into per-team figures (docs/contract.md §5.7). A row's
 * login and id are replaced by a keyed pseudonym as it is read; the pseudonyms live only in this object, for the
 * length of one day's fold, and nothing per user is returned or stored. A user counts in every Tokenwise team one of
 * their GitHub teams maps to (their seat split evenly between those teams), else in {@code unassigned}.
 */
final class CopilotAggregate {

    /** One user's figures of the day. */
    private static final class UserDay {
        long interactions;
        long shown;
        long accepted;
        long lines;
        long chat;
    }

    private final Map<String, UserDay> users = new HashMap<>();
    private final Map<String, Set<String>> teamsOf = new HashMap<>();

    /** Adds a per-user report row (ignored when it is of another day or names no user). */
    void addUserRow(JsonNode row, String day, String pseudonym) {
        if (pseudonym == null || row.hasNonNull("day") && !day.equals(row.get("day").asText())) {
            return;
        }
        UserDay u = users.computeIfAbsent(pseudonym, k -> new UserDay());
        u.interactions += row.path("user_initiated_interaction_count").asLong(0);
        u.shown += row.path("code_generation_activity_count").asLong(0);
        u.accepted += row.path("code_acceptance_activity_count").asLong(0);
        u.lines += row.path("loc_added_sum").asLong(0);
        for (JsonNode f : row.path("totals_by_feature")) {
            if (f.path("feature").asText("").contains("chat")) {
                u.chat += f.path("user_initiated_interaction_count").asLong(0);
            }
        }
    }

    /** Adds a user-teams report row: the user belongs to the team its GitHub team maps to, if any. */
    void addMembership(String pseudonym, String tokenwiseTeam) {
        if (pseudonym != null && tokenwiseTeam != null) {
            teamsOf.computeIfAbsent(pseudonym, k -> new HashSet<>()).add(tokenwiseTeam);
        }
    }

    /** The day per team, sorted by team; activity withheld under {@link CopilotTeamDay#MIN_USERS} users. */
    List<CopilotTeamDay> teams() {
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, Double> seats = new TreeMap<>();
        users.forEach((p, u) -> {
            Set<String> teams = new TreeSet<>(teamsOf.getOrDefault(p, Set.of()));
            if (teams.isEmpty()) {
                teams.add(TeamService.UNASSIGNED);
            }
            double share = 1d / teams.size();
            for (String t : teams) {
                seats.merge(t, share, Double::sum);
                long[] s = sums.computeIfAbsent(t, k -> new long[6]);
                s[0]++;
                s[1] += u.interactions > 0 || u.accepted > 0 ? 1 : 0;
                s[2] += u.shown;
                s[3] += u.accepted;
                s[4] += u.lines;
                s[5] += u.chat;
            }
        });
        List<CopilotTeamDay> out = new ArrayList<>();
        sums.forEach((t, s) -> {
            CopilotTeamDay d = new CopilotTeamDay(t, seats.get(t), (int) s[0], (int) s[1], s[2], s[3], s[4], s[5]);
            out.add(s[0] >= CopilotTeamDay.MIN_USERS ? d : d.withoutActivity());
        });
        return out;
    }
}
