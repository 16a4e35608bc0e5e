package dev.tokenwise.common.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * "A 2xx means committed" on the embedded H2 database, whatever H2 URL is configured.
 * <p>
 * H2's store (MVStore) keeps a committed transaction in memory and a background thread writes it to the file up to
 * {@code WRITE_DELAY} ms later (500 by default): a process killed in between loses transactions that were already
 * acknowledged. With {@code WRITE_DELAY=0} the commit itself writes the transaction's changes to the file before
 * it returns (one write per transaction; ingest's group commit makes that one per group). The default URL sets it;
 * this interceptor sets it on every new pooled connection whose database still has a delay, because H2 applies the
 * URL's value (500 when absent) each time it opens a database and ignores a value set earlier with {@code SET}. A
 * database where it cannot be set (a user without admin rights) is refused: acknowledging writes that a crash
 * loses is worse than not starting. A remote H2 server ({@code jdbc:h2:tcp:}) is left to its own settings.
 * <p>
 * The background thread that a delay starts also does H2's housekeeping: it copies the few live pages out of old,
 * mostly obsolete chunks so that their space is reused. Without it, nearly every small commit leaves a chunk that
 * one live page keeps from being reused, and the file grows for as long as writes come. So while the delay is 0,
 * {@link #housekeep(MVStore)} does that rewrite once a second through the store's own {@link MVStore#compact}.
 */
@ApplicationScoped
public class H2Durability implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(H2Durability.class);

    /** Rewrite old chunks while the live share of all chunks is below this percentage (H2's own: 45 when busy). */
    static final int REWRITE_BELOW_FILL_RATE = 50;
    /** Most live bytes copied out of old chunks per round: ample for thousands of commits a second. */
    static final int REWRITE_BYTES_PER_ROUND = 2 * 1024 * 1024;

    private final Instance<DataSource> dataSource;
    private final AtomicBoolean warned = new AtomicBoolean();
    private ScheduledExecutorService housekeeper;

    public H2Durability(Instance<DataSource> dataSource) {
        // Note: looked up lazily; the pool calls this interceptor while the data source itself is being created.
        this.dataSource = dataSource;
    }

    @Override
    public void onConnectionCreate(Connection connection) {
        try {
            if (fileStore(connection) == null || writeDelayIsZero(connection)) {
                return;
            }
            try (Statement s = connection.createStatement()) {
                s.execute("SET WRITE_DELAY 0");
            }
            if (warned.compareAndSet(false, true)) {
                LOG.warn("The H2 JDBC URL has no WRITE_DELAY=0; it was set on the database so that every commit is "
                        + "in the file before it is acknowledged. Add WRITE_DELAY=0 to the URL (see README).");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set WRITE_DELAY 0 on the H2 database (" + e.getMessage()
                    + "): without it a commit reaches the file only later, and acknowledged writes are lost if the "
                    + "process is killed. Add WRITE_DELAY=0 to the H2 JDBC URL or connect as an H2 admin user.", e);
        }
    }

    /** True for an H2 database kept in a file (embedded or server); an in-memory one has nothing to write. */
    static boolean isH2File(Connection connection) throws SQLException {
        String url = connection.getMetaData().getURL();
        return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }

    /**
     * H2 lists WRITE_DELAY twice once it was ever set with SET (the stored value, then the one in effect), so
     * every row must say 0.
     */
    static boolean writeDelayIsZero(Connection connection) throws SQLException {
        boolean any = false;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            while (rs.next()) {
                any = true;
                if (!"0".equals(rs.getString(1))) {
                    return false;
                }
            }
        }
        return any;
    }

    void start(@Observes StartupEvent ev) throws SQLException {
        try (Connection c = dataSource.get().getConnection()) {
            if (fileStore(c) == null) {
                return;
            }
        }
        housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeper.scheduleWithFixedDelay(this::housekeepQuietly, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (housekeeper != null) {
            housekeeper.shutdownNow();
        }
    }

    private void housekeepQuietly() {
        try (Connection c = dataSource.get().getConnection()) {
            MVStore store = fileStore(c);
            if (store != null) {
                housekeep(store);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("H2 housekeeping round failed; the next round retries", e);
        }
    }

    /**
     * One round of what H2's background thread would do: copy the live pages of old, mostly obsolete chunks into a
     * new one, so that the old chunks' space is reused. Returns whether anything was copied.
     */
    static boolean housekeep(MVStore store) {
        if (store.isClosed() || !store.compact(REWRITE_BELOW_FILL_RATE, REWRITE_BYTES_PER_ROUND)) {
            return false;
        }
        // The copies would be written by the next commit; writing them now frees the old chunks without waiting.
        store.commit();
        return true;
    }

    /** The embedded H2 file store behind a connection, or null (PostgreSQL, in-memory or remote H2). */
    static MVStore fileStore(Connection c) throws SQLException {
        if (!isH2File(c) || !c.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        Session session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local) || local.getDatabase().getStore() == null) {
            return null;
        }
        MVStore store = local.getDatabase().getStore().getMvStore();
        return store.getFileStore() == null ? null : store;
    }
}
