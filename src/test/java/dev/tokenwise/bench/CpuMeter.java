package dev.tokenwise.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * CPU spent by a phase, a figure that other work on a shared machine disturbs far less than a rate: this JVM's (the
 * service and the load generator together) and that of the PostgreSQL backends serving this database (read from
 * {@code /proc}, so only when PostgreSQL runs on this host; otherwise 0).
 */
final class CpuMeter {

    /** CPU seconds used so far: this JVM, and the database's backends. */
    record Cpu(double jvm, double db) {

        Cpu minus(Cpu earlier) {
            return new Cpu(jvm - earlier.jvm, db - earlier.db);
        }

        /** "JVM x µs + database y µs per event". */
        String perEvent(long events) {
            return String.format("JVM %.0f µs + PostgreSQL %.0f µs CPU per event", jvm * 1e6 / events,
                    db * 1e6 / events);
        }
    }

    private static final double TICK = 100.0; // USER_HZ on Linux

    private CpuMeter() {
    }

    static Cpu now(DataSource ds) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Cpu(os.getProcessCpuTime() / 1e9, backends(ds));
    }

    private static double backends(DataSource ds) {
        double ticks = 0;
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rs.next()) {
                Path stat = Path.of("/proc", Integer.toString(rs.getInt(1)), "stat");
                if (!Files.isReadable(stat)) {
                    continue;
                }
                String s = Files.readString(stat);
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            }
        } catch (Exception e) {
            return 0;
        }
        return ticks / TICK;
    }
}
