package dev.tokenwise.sources;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.usage.TeamResolver;
import dev.tokenwise.usage.UsageEvent;
import dev.tokenwise.usage.UsageEvents;
import dev.tokenwise.usage.UsageRepository;
import dev.tokenwise.usage.UsageWriter;

/**
 * Stores a Copilot day in place of the one stored before, in one transaction of the usage write path
 * ({@link UsageWriter}): the seat usage booked for the day is taken back out of the rollups by its event keys, the
 * day's team rows are replaced, and each team's seat cost is booked again as a usage event (tool {@code copilot},
 * workflow {@code coding}, model {@code copilot-seat}), so it counts in cost, budgets, spikes and cost per PR, and a
 * day fetched twice counts once.
 */
@ApplicationScoped
public class CopilotStore {

    public static final String SOURCE = "copilot";
    public static final String TOOL = "copilot";
    public static final String MODEL = "copilot-seat";
    public static final String WORKFLOW = "coding";

    private final Db db;
    private final UsageWriter writer;
    private final UsageRepository usage;
    private final UsageEvents events;
    private final TeamResolver zones;

    public CopilotStore(Db db, UsageWriter writer, UsageRepository usage, UsageEvents events, TeamResolver zones) {
        this.db = db;
        this.writer = writer;
        this.usage = usage;
        this.events = events;
        this.zones = zones;
    }

    /** The usage event key of a team's seats on a day. */
    static String eventKey(LocalDate day, String team) {
        return "copilot-seat:" + day + ":" + team;
    }

    /**
     * Seat cost of a day: seats × the monthly seat price ÷ the days of that month.
     */
    static double seatCost(double seats, double seatUsdMonth, LocalDate day) {
        return seats * seatUsdMonth / YearMonth.from(day).lengthOfMonth();
    }

    /** Replaces the day; returns once committed. */
    public void replaceDay(LocalDate day, List<CopilotTeamDay> teams, double seatUsdMonth) {
        writer.write(() -> {
            List<String> booked = db.list("SELECT event_key FROM copilot_team_day WHERE usage_day = ?",
                    rs -> rs.getString(1), day);
            usage.takeBackKeys(SOURCE, booked);
            db.update("DELETE FROM copilot_team_day WHERE usage_day = ?", day);
            List<Object[]> rows = new ArrayList<>();
            List<UsageEvent> seats = new ArrayList<>();
            for (CopilotTeamDay t : teams) {
                double cost = seatCost(t.seats(), seatUsdMonth, day);
                String key = eventKey(day, t.teamId());
                rows.add(new Object[] { day, t.teamId(), t.seats(), cost, key, nullable(t.activeUsers()),
                        nullable(t.engagedUsers()), nullable(t.suggestionsShown()), nullable(t.suggestionsAccepted()),
                        nullable(t.linesAccepted()), nullable(t.chatTurns()) });
                // Note: booked at noon of the day in the team's zone, so it counts in that local day.
                Instant at = day.atTime(LocalTime.NOON).atZone(zones.zoneOf(t.teamId())).toInstant();
                seats.add(events.create(new UsageEvents.Input(key, at, t.teamId(), null, WORKFLOW, TOOL, MODEL, 0, 0,
                        0, 0, 0, cost, null, null, null, SOURCE)));
            }
            db.batch("INSERT INTO copilot_team_day (usage_day, team_id, seats, seat_cost_usd, event_key, "
                    + "active_users, engaged_users, suggestions_shown, suggestions_accepted, lines_accepted, "
                    + "chat_turns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
            return seats;
        }, Math.max(1, teams.size()));
    }

    private static Object nullable(Integer v) {
        return v == null ? Db.nullOf(java.sql.Types.INTEGER) : v;
    }

    private static Object nullable(Long v) {
        return v == null ? Db.nullOf(java.sql.Types.BIGINT) : v;
    }
}
