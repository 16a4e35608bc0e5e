package dev.tokenwise.usage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Which database failures a retry cannot fix (answered 500) and which it may (503, "retry later"). */
class UsageWriterFailureTest {

    @Test
    void valuesTheDatabaseRefusesAreNotWorthARetry() {
        // PostgreSQL: NUL in text (22021), a date outside its range (22008), value too long (22001).
        assertTrue(UsageWriter.refusedValue(new IllegalStateException("usage batch failed",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))));
        assertTrue(UsageWriter.refusedValue(new SQLException("date/time field value out of range", "22008")));
        assertTrue(UsageWriter.refusedValue(new SQLException("bigint out of range", "22003")));
        // A batch reports the refused row as its next exception.
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", "HY000", new int[0]);
        batch.setNextException(new SQLException("value too long for type character varying(200)", "22001"));
        assertTrue(UsageWriter.refusedValue(batch));
        assertTrue(UsageWriter.refusedValue(new SQLException("null value violates not-null constraint", "23502")));
    }

    @Test
    void racesAndOutagesAreWorthARetry() {
        assertFalse(UsageWriter.refusedValue(new SQLException("duplicate key value", "23505")));
        assertFalse(UsageWriter.refusedValue(new SQLException("deadlock detected", "40P01")));
        assertFalse(UsageWriter.refusedValue(new SQLException("Connection refused", "08001")));
        assertFalse(UsageWriter.refusedValue(new IllegalStateException("shutting down")));
    }
}
