package dev.tokenwise.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one way to reach the data: plain SQL with positional {@code ?} parameters, and the one way to demarcate a
 * transaction.
 * <p>
 * <b>Statements</b> ({@link #list}, {@link #one}, {@link #update}, {@link #batch}, {@link #each}) borrow the
 * connection that the current transaction enlisted (Agroal hands the same one to every statement of a
 * transaction), or an auto-committed one outside a transaction. Parameters are bound by one set of rules: an
 * {@link Instant} as a UTC {@link OffsetDateTime} (every time column is {@code TIMESTAMP WITH TIME ZONE}), an
 * enum by its name, a {@link #nullOf typed null} with its SQL type, anything else with {@code setObject}. Columns
 * are read with {@link Rows}.
 * <p>
 * <b>Transactions</b> are JTA transactions, opened only here: {@link #transaction} joins the caller's transaction
 * or opens one that is committed before it returns (a use case), {@link #newTransaction} always opens its own (a
 * job that commits per team or per message), {@link #retrying} opens its own and retries it on the failures a
 * retry resolves (ingest, webhooks). Nothing else calls {@code commit}.
 * <p>
 * Why our own helper rather than jOOQ or Jdbi: every query here is hand-written SQL that must run on H2 and
 * PostgreSQL, the ingest path binds batches and PostgreSQL arrays on the raw connection, and four verbs with
 * explicit row mappers cover all of it in one small class, with no code generation, reflection or start-up cost.
 */
@ApplicationScoped
public class Db {

    private static final Logger LOG = Logger.getLogger(Db.class);

    /** Attempts of {@link #retrying}: enough for a deadlock victim or a unique-key race between replicas. */
    static final int MAX_ATTEMPTS = 4;

    /** A null of a given SQL type, for drivers (PostgreSQL) that must know the type of a null parameter. */
    public record Null(int sqlType) {
    }

    private final DataSource dataSource;
    private final SqlDialect dialect;

    public Db(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    // --- transactions -------------------------------------------------------------------------------------------

    /** Runs the work in the caller's transaction, or in a new one committed before this returns. */
    public <T> T transaction(Supplier<T> work) {
        return QuarkusTransaction.joiningExisting().call(work::get);
    }

    /** Runs the work in the caller's transaction, or in a new one committed before this returns. */
    public void transaction(Runnable work) {
        QuarkusTransaction.joiningExisting().run(work);
    }

    /** Runs the work in a transaction of its own (the caller's, if any, is suspended), committed before returning. */
    public <T> T newTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    /** Runs the work in a transaction of its own, committed before returning. */
    public void newTransaction(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }

    /**
     * Runs the work in a transaction of its own and, when it fails in a way that a retry resolves
     * ({@link #transient}), runs it again, up to {@value #MAX_ATTEMPTS} times. The work must be safe to repeat: a
     * failed attempt was rolled back entirely.
     */
    public <T> T retrying(Supplier<T> work) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return newTransaction(work);
            } catch (RuntimeException e) {
                failure = e;
                if (!isTransient(e)) {
                    throw e;
                }
                LOG.debugf("transaction retried after a transient failure (attempt %d, SQLState %s)", attempt,
                        DbException.sqlState(e));
            }
        }
        throw failure;
    }

    /**
     * Deadlocks and serialization failures (SQLState class 40), unique-key races between replicas (23505), and H2's
     * lock timeouts (HYT00, error 90131 for a concurrent update of the same row): worth running the whole
     * transaction again.
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("40") || state.equals("23505") || state.equals("HYT00")
                        || s.getErrorCode() == 90131) {
                    return true;
                }
            }
        }
        return false;
    }

    // --- statements ---------------------------------------------------------------------------------------------

    /** Every row of the query, mapped. */
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        List<T> out = new ArrayList<>();
        each(sql, rs -> out.add(mapper.map(rs)), params);
        return out;
    }

    /** The first row of the query, mapped, if there is one. */
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
                }
            }
        }, sql);
    }

    /** Hands each row of the query to the handler, without holding them all. */
    public void each(String sql, RowHandler handler, Object... params) {
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(rs);
                    }
                }
            }
            return null;
        }, sql);
    }

    /** An INSERT, UPDATE or DELETE; the number of rows it touched. */
    public int update(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        }, sql);
    }

    /** One statement run for each row of parameters, in one batch; the rows each run touched. */
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        }, sql);
    }

    /**
     * Plain JDBC on the current transaction's connection (auto-committed outside one), for what the verbs above do
     * not cover: batches over several statements, PostgreSQL arrays. The work must not commit or close it.
     */
    public <T> T withConnection(ConnectionWork<T> work) {
        return withConnection(work, "connection work");
    }

    private <T> T withConnection(ConnectionWork<T> work, String what) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new DbException(what, e);
        }
    }

    // --- binding ------------------------------------------------------------------------------------------------

    /** A null parameter of the given {@link Types SQL type}. */
    public static Null nullOf(int sqlType) {
        return new Null(sqlType);
    }

    /** Binds the parameters by the rules in the class comment; for statements prepared in {@link #withConnection}. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bind(ps, i + 1, params[i]);
        }
    }

    /** Binds one parameter by the rules in the class comment. */
    public static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Instant t) {
            ps.setObject(index, timestamp(t));
        } else if (value instanceof Null n) {
            ps.setNull(index, n.sqlType());
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else if (value == null) {
            ps.setNull(index, Types.NULL);
        } else {
            ps.setObject(index, value);
        }
    }

    /** An instant as the value of a {@code TIMESTAMP WITH TIME ZONE} column, or null. */
    public static OffsetDateTime timestamp(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /** {@code ?, ?, ?} for n parameters, for IN lists and multi-row VALUES. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
