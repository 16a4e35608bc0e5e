package dev.tokenwise.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.jboss.logmanager.ExtLogRecord;

/**
 * The service's log lines while open, as its log shows them, for the tests that check what must never be logged. The
 * service logs through JBoss Logging with printf-style messages ({@code infof("… %s", x)}), which a plain
 * {@link SimpleFormatter} leaves unfilled: a secret passed as a parameter would never be seen. Each line is the
 * filled-in message with its exception and the exception's causes.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter plain = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            StringBuilder line = new StringBuilder(r instanceof ExtLogRecord e ? e.getFormattedMessage()
                    : plain.format(r));
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                line.append(' ').append(t);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs() {
        Logger.getLogger("").addHandler(handler);
    }

    /** Starts capturing every log record of this JVM until {@link #close}. */
    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** The lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
