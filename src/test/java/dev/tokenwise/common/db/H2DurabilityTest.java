package dev.tokenwise.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 side of "a 2xx means committed", on plain H2 connections: WRITE_DELAY is 0 whatever the URL says, and the
 * housekeeping that H2's background thread would do frees the chunks of many small commits. (That an acknowledged
 * write survives SIGKILL is tested on the packaged service by {@code KillNineDurabilityIT}.)
 */
class H2DurabilityTest {

    @TempDir
    Path dir;

    private final H2Durability durability = new H2Durability(null);

    private String url(String settings) {
        return "jdbc:h2:file:" + dir.resolve("db") + settings;
    }

    @Test
    void aUrlWithoutWriteDelayGetsZeroOnTheOpenDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(";MODE=PostgreSQL"), "sa", "")) {
            MVStore store = H2Durability.fileStore(c);
            assertEquals(500, store.getAutoCommitDelay(), "H2's own default, the delay that lost commits");
            assertFalse(H2Durability.writeDelayIsZero(c));

            durability.onConnectionCreate(c);

            assertEquals(0, store.getAutoCommitDelay());
            assertTrue(H2Durability.writeDelayIsZero(c));
        }
    }

    @Test
    void aValueSetEarlierIsNotTrustedAfterTheDatabaseIsOpenedAgain() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(""), "sa", "")) {
            durability.onConnectionCreate(c);
        }
        // H2 reopens with the URL's delay (500 when absent) although it lists the 0 stored by SET above.
        try (Connection c = DriverManager.getConnection(url(""), "sa", "")) {
            assertEquals(500, H2Durability.fileStore(c).getAutoCommitDelay());
            assertFalse(H2Durability.writeDelayIsZero(c));
            durability.onConnectionCreate(c);
            assertEquals(0, H2Durability.fileStore(c).getAutoCommitDelay());
        }
    }

    @Test
    void theServiceUrlNeedsNothing() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(";WRITE_DELAY=0"), "sa", "")) {
            assertTrue(H2Durability.writeDelayIsZero(c));
            assertEquals(0, H2Durability.fileStore(c).getAutoCommitDelay());
        }
    }

    @Test
    void aUserWhoCannotSetItIsRefusedWithTheFix() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(""), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE USER app PASSWORD 'pw'");
        }
        try (Connection c = DriverManager.getConnection(url(""), "app", "pw")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> durability.onConnectionCreate(c));
            assertTrue(e.getMessage().contains("Add WRITE_DELAY=0 to the H2 JDBC URL"), e.getMessage());
            assertEquals(500, H2Durability.fileStore(c).getAutoCommitDelay());
        }
    }

    @Test
    void anInMemoryDatabaseIsLeftAlone() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:h2-durability-test", "sa", "")) {
            assertFalse(H2Durability.isH2File(c));
            assertNull(H2Durability.fileStore(c));
            durability.onConnectionCreate(c);
        }
    }

    @Test
    void housekeepingFreesTheChunksThatSmallCommitsLeaveBehind() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(";WRITE_DELAY=0"), "sa", "")) {
            MVStore store = H2Durability.fileStore(c);
            // Old chunks are only rewritten once they are older than the retention time (45 s by default).
            store.setRetentionTime(0);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE event (id INT PRIMARY KEY, note VARCHAR(100))");
                s.execute("CREATE TABLE total (id INT PRIMARY KEY, n INT)");
                s.execute("INSERT INTO total VALUES (1, 0)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO event VALUES (?, ?)");
                    PreparedStatement count = c.prepareStatement("UPDATE total SET n = n + 1 WHERE id = 1")) {
                for (int i = 0; i < 2000; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "event " + i + " of a small transaction, as ingest commits them");
                    insert.executeUpdate();
                    count.executeUpdate();
                    c.commit();
                }
            }
            int before = store.getFileStore().getChunksFillRate();
            assertTrue(before < H2Durability.REWRITE_BELOW_FILL_RATE, "live share of the chunks before: " + before);

            int rounds = 0;
            while (H2Durability.housekeep(store) && rounds < 100) {
                rounds++;
            }

            int after = store.getFileStore().getChunksFillRate();
            assertTrue(rounds > 0 && after >= H2Durability.REWRITE_BELOW_FILL_RATE,
                    "live share of the chunks after " + rounds + " rounds: " + after + " (before: " + before + ")");
        }
    }
}
