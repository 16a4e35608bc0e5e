package dev.tokenwise.pulse;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;

/**
 * Tables pulse_week, pulse_answer_count and pulse_token: per team and week how many people answered, the answers per
 * question and score, and per person-week a keyed token with that person's current answers (until the week closes).
 * Nothing here holds a Slack user id.
 */
@ApplicationScoped
public class PulseRepository {

    /** A pulse week: when it closes and how many people answered. */
    public record Week(LocalDate weekStart, Instant closesAt, int responses) {
    }

    /** A person-week's current answers (null: not answered), by its token. */
    record Answers(Integer confidence, Integer reviewLoad) {

        Integer of(PulseQuestion q) {
            return q == PulseQuestion.CONFIDENCE ? confidence : reviewLoad;
        }
    }

    private final Db db;

    public PulseRepository(Db db) {
        this.db = db;
    }

    /** Opens a pulse week with zero answers; false when it was open already. */
    boolean openWeek(String team, LocalDate weekStart, Instant closesAt) {
        if (db.update("INSERT INTO pulse_week (team_id, week_start, closes_at, responses) VALUES (?, ?, ?, 0) "
                + "ON CONFLICT DO NOTHING", team, weekStart, closesAt) == 0) {
            return false;
        }
        List<Object[]> rows = new ArrayList<>();
        for (PulseQuestion q : PulseQuestion.values()) {
            for (int score = 1; score <= 5; score++) {
                rows.add(new Object[] { team, weekStart, q.id(), score });
            }
        }
        db.batch("INSERT INTO pulse_answer_count (team_id, week_start, question, score, answers) "
                + "VALUES (?, ?, ?, ?, 0)", rows);
        return true;
    }

    Optional<Week> week(String team, LocalDate weekStart) {
        return db.one("SELECT week_start, closes_at, responses FROM pulse_week WHERE team_id = ? AND week_start = ?",
                rs -> new Week(Rows.date(rs, 1), Rows.instant(rs, 2), rs.getInt(3)), team, weekStart);
    }

    /** The team's pulse weeks that start in [from, to), oldest first. */
    List<Week> weeks(String team, LocalDate from, LocalDate to) {
        return db.list("SELECT week_start, closes_at, responses FROM pulse_week WHERE team_id = ? AND week_start >= ? "
                + "AND week_start < ? ORDER BY week_start",
                rs -> new Week(Rows.date(rs, 1), Rows.instant(rs, 2), rs.getInt(3)), team, from, to);
    }

    /** Answers per score 1..5 of one question of a week. */
    int[] distribution(String team, LocalDate weekStart, PulseQuestion q) {
        int[] out = new int[5];
        db.each("SELECT score, answers FROM pulse_answer_count WHERE team_id = ? AND week_start = ? AND question = ?",
                rs -> out[rs.getInt(1) - 1] = rs.getInt(2), team, weekStart, q.id());
        return out;
    }

    /** The token's current answers, locked until the end of the transaction; empty for a first answer. */
    Optional<Answers> answersFor(String token) {
        return db.one("SELECT confidence, review_load FROM pulse_token WHERE token = ? FOR UPDATE",
                rs -> new Answers(Rows.intOrNull(rs, 1), Rows.intOrNull(rs, 2)), token);
    }

    /** A person's first answer of the week: the token row, and one more response. */
    void firstAnswer(String token, String team, LocalDate weekStart, Instant closesAt, PulseQuestion q, int score) {
        db.update("INSERT INTO pulse_token (token, team_id, week_start, closes_at, confidence, review_load) "
                + "VALUES (?, ?, ?, ?, ?, ?)", token, team, weekStart, closesAt,
                q == PulseQuestion.CONFIDENCE ? score : Db.nullOf(Types.SMALLINT),
                q == PulseQuestion.REVIEW_LOAD ? score : Db.nullOf(Types.SMALLINT));
        db.update("UPDATE pulse_week SET responses = responses + 1 WHERE team_id = ? AND week_start = ?", team,
                weekStart);
    }

    void setAnswer(String token, PulseQuestion q, int score) {
        db.update("UPDATE pulse_token SET " + (q == PulseQuestion.CONFIDENCE ? "confidence" : "review_load")
                + " = ? WHERE token = ?", score, token);
    }

    /** Adds {@code delta} (+1 or -1) to the count of one answer. */
    void count(String team, LocalDate weekStart, PulseQuestion q, int score, int delta) {
        db.update("UPDATE pulse_answer_count SET answers = answers + ? WHERE team_id = ? AND week_start = ? "
                + "AND question = ? AND score = ?", delta, team, weekStart, q.id(), score);
    }

    /** Deletes the tokens of every week closed by {@code now}; returns how many. */
    int deleteClosedTokens(Instant now) {
        return db.update("DELETE FROM pulse_token WHERE closes_at <= ?", now);
    }
}
