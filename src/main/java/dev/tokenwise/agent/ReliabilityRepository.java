package dev.tokenwise.agent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Stats;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.ReliabilityFigures;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.team.TeamSettings;

/**
 * Agent reliability of a team in a period (docs/contract.md §7.6): errors by class from {@code agent_error} (by
 * their instants, so the period is exact), and the share of the sessions that sent events on the period's local days
 * ({@code agent_session_day}) which saw at least one error. Both tables are read by the team index; a team's errors
 * are few and its sessions per week a few thousand at most.
 */
@ApplicationScoped
public class ReliabilityRepository implements ReliabilityFigures {

    private final Db db;

    public ReliabilityRepository(Db db) {
        this.db = db;
    }

    @Override
    public Scorecard.AgentErrors agentErrors(TeamSettings team, Period period) {
        Map<String, Map<ErrorClass, Integer>> errors = new TreeMap<>();
        Map<String, Set<String>> erring = new HashMap<>();
        db.each("SELECT tool, error_class, session_id FROM agent_error WHERE team_id = ? AND occurred_at >= ? "
                + "AND occurred_at < ?", rs -> {
                    String tool = rs.getString(1);
                    errors.computeIfAbsent(tool, t -> new HashMap<>()).merge(ErrorClass.parse(rs.getString(2)), 1,
                            Integer::sum);
                    if (rs.getString(3) != null) {
                        erring.computeIfAbsent(tool, t -> new HashSet<>()).add(rs.getString(3));
                    }
                }, team.id(), period.start(), period.end());
        Map<String, Set<String>> sessions = new HashMap<>();
        Map<String, Set<String>> people = new HashMap<>();
        db.each("SELECT tool, session_id, actor FROM agent_session_day WHERE team_id = ? AND local_day >= ? "
                + "AND local_day < ?", rs -> {
                    sessions.computeIfAbsent(rs.getString(1), t -> new HashSet<>()).add(rs.getString(2));
                    if (rs.getString(3) != null) {
                        people.computeIfAbsent(rs.getString(1), t -> new HashSet<>()).add(rs.getString(3));
                    }
                }, team.id(), period.from(), period.to());
        Set<String> tools = new TreeSet<>(errors.keySet());
        tools.addAll(sessions.keySet());
        Map<String, Scorecard.ToolErrors> byTool = new LinkedHashMap<>();
        Map<ErrorClass, Integer> all = new HashMap<>();
        int allSessions = 0;
        int allErring = 0;
        for (String tool : tools) {
            Map<ErrorClass, Integer> counts = errors.getOrDefault(tool, Map.of());
            counts.forEach((c, n) -> all.merge(c, n, Integer::sum));
            Set<String> seen = sessions.getOrDefault(tool, Set.of());
            // An error's session sent an event (the error), so it is among the seen ones; retain() guards rows that
            // retention or a zone change left behind.
            Set<String> withErrors = new HashSet<>(erring.getOrDefault(tool, Set.of()));
            withErrors.retainAll(seen);
            allSessions += seen.size();
            allErring += withErrors.size();
            // docs/contract.md §2.3: a tool that fewer than min_contributors people used would describe them; it
            // counts in the team's figures but gets no line of its own.
            int users = people.getOrDefault(tool, Set.of()).size();
            if (users == 0 || users >= team.minContributors()) {
                byTool.put(tool, new Scorecard.ToolErrors(sum(counts), byClass(counts), seen.size(),
                        withErrors.size(), share(withErrors.size(), seen.size())));
            }
        }
        return new Scorecard.AgentErrors(sum(all), byClass(all), allSessions, allErring,
                share(allErring, allSessions), byTool);
    }

    private static int sum(Map<ErrorClass, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Every class by name, in the contract's order, zero where none. */
    private static Map<String, Integer> byClass(Map<ErrorClass, Integer> counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (ErrorClass c : ErrorClass.values()) {
            m.put(c.id(), counts.getOrDefault(c, 0));
        }
        return m;
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : Stats.round4((double) part / whole);
    }
}
