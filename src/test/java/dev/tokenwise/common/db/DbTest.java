package dev.tokenwise.common.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The data-access helper on the real database of the run (H2 by default, PostgreSQL with -Ppostgresql). */
@QuarkusTest
class DbTest {

    @Inject
    Db db;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    private record Row(String key, Instant at, Long n) {
    }

    @BeforeEach
    void table() {
        db.update("CREATE TABLE IF NOT EXISTS db_test_row (k VARCHAR(20) PRIMARY KEY, "
                + "at TIMESTAMP WITH TIME ZONE, n BIGINT)");
        db.update("DELETE FROM db_test_row");
    }

    private List<Row> rows() {
        return db.list("SELECT k, at, n FROM db_test_row ORDER BY k",
                rs -> new Row(rs.getString(1), Rows.instant(rs, 2), Rows.longOrNull(rs, 3)));
    }

    @Test
    void theDialectIsTheConfiguredDatabaseKind() {
        assertEquals(dbKind.equals("postgresql") ? SqlDialect.POSTGRESQL : SqlDialect.H2, db.dialect());
    }

    @Test
    void instantsAndTypedNullsRoundTrip() {
        Instant at = Instant.parse("2026-03-29T01:30:00.123456Z");
        assertEquals(1, db.update("INSERT INTO db_test_row (k, at, n) VALUES (?, ?, ?)", "a", at, 7L));
        assertEquals(1, db.update("INSERT INTO db_test_row (k, at, n) VALUES (?, ?, ?)", "b", Db.nullOf(
                Types.TIMESTAMP_WITH_TIMEZONE), Db.nullOf(Types.BIGINT)));
        assertEquals(List.of(new Row("a", at, 7L), new Row("b", null, null)), rows());
        assertEquals(Optional.of("b"), db.one("SELECT k FROM db_test_row WHERE at IS NULL", rs -> rs.getString(1)));
        assertEquals(Optional.empty(), db.one("SELECT k FROM db_test_row WHERE k = ?", rs -> rs.getString(1), "z"));
    }

    @Test
    void aBatchRunsOneStatementPerRow() {
        int[] counts = db.batch("INSERT INTO db_test_row (k, n) VALUES (?, ?) ON CONFLICT DO NOTHING",
                List.of(new Object[] { "x", 1L }, new Object[] { "y", 2L }, new Object[] { "x", 3L }));
        assertArrayEquals(new int[] { 1, 1, 0 }, counts);
        assertEquals(List.of(new Row("x", null, 1L), new Row("y", null, 2L)), rows());
        assertEquals("?, ?, ?", Db.placeholders(3));
    }

    @Test
    void aFailedTransactionLeavesNothingAndANestedOneJoinsTheOuter() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.transaction(() -> {
            db.update("INSERT INTO db_test_row (k) VALUES (?)", "rolled-back");
            db.transaction(() -> db.update("INSERT INTO db_test_row (k) VALUES (?)", "inner"));
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(List.of(), rows());

        db.transaction(() -> {
            db.update("INSERT INTO db_test_row (k) VALUES (?)", "outer");
            // A job's own transaction commits even though the caller's then fails.
            db.newTransaction(() -> db.update("INSERT INTO db_test_row (k) VALUES (?)", "own"));
        });
        assertEquals(List.of(new Row("outer", null, null), new Row("own", null, null)), rows());
    }

    @Test
    void retryingRunsAgainOnlyWhatARetryCanResolve() {
        AtomicInteger attempts = new AtomicInteger();
        String result = db.retrying(() -> {
            db.update("INSERT INTO db_test_row (k, n) VALUES (?, ?)", "r" + attempts.incrementAndGet(), 1L);
            if (attempts.get() < 3) {
                throw new DbException("UPDATE x", new SQLException("deadlock detected", "40P01"));
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, attempts.get());
        // The two failed attempts were rolled back.
        assertEquals(List.of(new Row("r3", null, 1L)), rows());

        attempts.set(0);
        DbException refused = assertThrows(DbException.class, () -> db.retrying(() -> {
            attempts.incrementAndGet();
            throw new DbException("INSERT x", new SQLException("value too long", "22001"));
        }));
        assertEquals("22001", DbException.sqlState(refused));
        assertEquals(1, attempts.get(), "a refused value is not retried");

        attempts.set(0);
        assertThrows(DbException.class, () -> db.retrying(() -> {
            attempts.incrementAndGet();
            throw new DbException("UPDATE x", new SQLException("could not serialize", "40001"));
        }));
        assertEquals(Db.MAX_ATTEMPTS, attempts.get());
        assertTrue(Db.isTransient(new SQLException("unique", "23505")));
        assertFalse(Db.isTransient(new SQLException("not null", "23502")));
        assertNull(DbException.sqlState(new IllegalStateException()));
    }
}
