package dev.tokenwise.usage.otlp;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.agent.AgentError;
import dev.tokenwise.agent.AgentEventRepository;
import dev.tokenwise.agent.SessionCommit;
import dev.tokenwise.agent.SessionDay;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.privacy.Pseudonymizer;
import dev.tokenwise.usage.IngestResult;
import dev.tokenwise.usage.TeamResolver;
import dev.tokenwise.usage.UsageEvent;
import dev.tokenwise.usage.UsageEvents;
import dev.tokenwise.usage.UsageWriter;

/**
 * Stores what agent events say (docs/contract.md §5.6) through the ingest group commit ({@link UsageWriter}): usage
 * events, the sessions now counted by their events (their metric points taken back), agent errors, the sessions that
 * sent events per day, and the commits sessions made. An export that holds a session's first events runs as one step
 * of the group's transaction, with the session's row locked: taking back and storing commit together. Later exports
 * of sessions already counted by events have nothing to lock: their agent rows commit first and their usage events
 * join the group like any others. Everything is keyed, so a retried export, or a group the writer splits and writes
 * again, stores nothing twice. The rows are made on the request's thread, before it queues.
 */
@ApplicationScoped
public class OtlpLogsService {

    /** The source of usage events from OTLP logs. */
    static final String SOURCE = "otlp-log";

    private final UsageWriter writer;
    private final UsageEvents events;
    private final TeamResolver teams;
    private final SessionSourceRepository sources;
    private final AgentEventRepository agents;
    private final Pseudonymizer pseudonyms;
    private final Db db;

    public OtlpLogsService(UsageWriter writer, UsageEvents events, TeamResolver teams,
            SessionSourceRepository sources, AgentEventRepository agents, Pseudonymizer pseudonyms, Db db) {
        this.writer = writer;
        this.events = events;
        this.teams = teams;
        this.sources = sources;
        this.agents = agents;
        this.pseudonyms = pseudonyms;
        this.db = db;
    }

    /** Stores the items; returns once committed. */
    public IngestResult store(List<LogItem> items) {
        if (items.isEmpty()) {
            return new IngestResult(0, 0);
        }
        Rows rows = rows(items);
        if (sources.allCountedByEvents(rows.sessions())) {
            // The usual case once a session's first export is in: no session of this export can change source, so
            // there is nothing to lock or take back, and the usage events join the group commit like any others
            // (on PostgreSQL one statement). The agent rows commit first, in their own transaction: all are keyed,
            // so should the events then fail, the client's retry finds them stored and adds the rest. Their own
            // transaction is retried like the group's when it meets a deadlock or a serialization failure.
            if (!rows.errors().isEmpty() || !rows.days().isEmpty() || !rows.commits().isEmpty()) {
                try {
                    db.retrying(() -> {
                        agents.write(rows.errors(), rows.days(), rows.commits());
                        return null;
                    });
                } catch (RuntimeException e) {
                    throw UsageWriter.failure(e);
                }
            }
            return writer.write(rows.usage());
        }
        return writer.write(() -> {
            sources.eventsArrived(rows.sessions());
            agents.write(rows.errors(), rows.days(), rows.commits());
            return rows.usage();
        }, items.size());
    }

    /** What the items become; the same however often the group's transaction runs. */
    private record Rows(List<UsageEvent> usage, TreeSet<String> sessions, List<AgentError> errors,
            List<SessionDay> days, List<SessionCommit> commits) {
    }

    private Rows rows(List<LogItem> items) {
        List<UsageEvent> usage = new ArrayList<>();
        List<AgentError> errors = new ArrayList<>();
        List<SessionDay> days = new ArrayList<>();
        List<SessionCommit> commits = new ArrayList<>();
        TreeSet<String> sessions = new TreeSet<>();
        for (LogItem item : items) {
            OtlpLabels l = item.labels();
            String team = teams.teamOf(l.team(), l.repo());
            String actor = null;
            if (item instanceof LogItem.Usage u) {
                UsageEvent e = events.create(new UsageEvents.Input(u.eventKey(), u.time(), l.team(), l.repo(),
                        l.workflow(), u.tool(), u.model(), u.input(), u.cached(), u.cacheWrite(), u.output(),
                        u.reasoning(), u.costUsd(), l.session(), l.pullRequest(), l.actor(), SOURCE));
                usage.add(e);
                actor = e.actor(); // the pseudonym, made once
                if (l.session() != null) {
                    sessions.add(l.session());
                }
            } else if (item instanceof LogItem.Error e) {
                errors.add(new AgentError(e.key(), e.time(), team, e.tool(), e.errorClass(), e.status(),
                        l.session()));
            } else if (item instanceof LogItem.Commit c) {
                commits.add(new SessionCommit(l.session(), c.sha(), team, c.tool(), c.time()));
            }
            if (l.session() != null && !(item instanceof LogItem.Commit)) {
                days.add(new SessionDay(team, LocalDate.ofInstant(item.time(), teams.zoneOf(team)), item.tool(),
                        l.session(), actor != null ? actor : pseudonyms.pseudonym(l.actor())));
            }
        }
        return new Rows(List.copyOf(usage), sessions, List.copyOf(errors), List.copyOf(days), List.copyOf(commits));
    }
}
