package dev.tokenwise.usage.otlp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The deltas of one export for the agents that count input including its cached part (Codex, Gemini CLI;
 * docs/contract.md §5.3), combined per session, model and attribution into one event, so that stored input = their
 * input − their cached input can be taken across the two series.
 * <p>
 * The subtraction never stores a negative count and clamps nothing away: when an export carries more cached input than
 * input for a group (the input point came in an earlier export that was lost and re-sent later, or its series was
 * reset), the cached tokens are stored at once, input is stored as 0, and the excess is kept as the group's
 * <em>carry</em>, subtracted from the group's next input. Over time the stored input is exactly their input minus
 * their cached input; meanwhile it is never below it. The carry lives in {@code otlp_series} under the group's key,
 * locked and written in the group commit's transaction like every held point.
 */
final class PairedTokens {

    private final Map<String, Group> groups = new TreeMap<>();

    private static final class Group {
        final OtlpSample first;
        final TreeSet<String> points = new TreeSet<>();
        long input;
        long cached;
        long write;
        long output;
        long reasoning;
        long time;

        Group(OtlpSample first) {
            this.first = first;
        }
    }

    /** The event made from one group, and the carry it leaves. */
    record Made(String eventKey, OtlpSample meta, long timeNanos, long input, long cached, long write, long output,
            long reasoning, double carry) {

        /** The time of the latest point the event was made from. */
        Instant time() {
            return Instant.ofEpochSecond(0, timeNanos);
        }
    }

    /** Adds the delta that {@code s} counts (0 for a point already taken) to its group. */
    void add(OtlpSample s, double delta) {
        Group g = groups.computeIfAbsent(s.pairKey(), k -> new Group(s));
        if (!g.points.add(s.seriesKey() + "|" + s.startNanos() + "|" + s.timeNanos())) {
            return; // the same point twice in one export counts once
        }
        g.time = Math.max(g.time, s.timeNanos());
        long n = Math.round(delta);
        switch (s.kind()) {
            case INPUT, INPUT_WITH_CACHED -> g.input += n;
            case CACHED_OF_INPUT, CACHE_READ -> g.cached += n;
            case CACHE_WRITE -> g.write += n;
            case OUTPUT -> g.output += n;
            case REASONING -> g.reasoning += n;
            case THOUGHT -> {
                g.output += n;
                g.reasoning += n;
            }
            case COST -> throw new IllegalArgumentException("cost is never paired");
        }
    }

    /** The event keys the groups would store, for the caller to look up among those already stored. */
    List<String> eventKeys() {
        return groups.values().stream().map(PairedTokens::eventKey).toList();
    }

    /**
     * One event per group that counts something and was not stored before (an exporter's retry of a delta export
     * has the same points, so the same key: it is skipped and leaves the carry alone), given the carries held.
     */
    List<Made> make(Map<String, Double> carries, Set<String> stored) {
        List<Made> out = new ArrayList<>();
        for (var e : groups.entrySet()) {
            Group g = e.getValue();
            String key = eventKey(g);
            if (g.input + g.cached + g.write + g.output + g.reasoning == 0 || stored.contains(key)) {
                continue;
            }
            double net = g.input - g.cached - carries.getOrDefault(e.getKey(), 0d);
            out.add(new Made(key, g.first, g.time, Math.max(0, Math.round(net)), g.cached, g.write, g.output,
                    g.reasoning, Math.max(0, -net)));
        }
        return out;
    }

    private static String eventKey(Group g) {
        return "otlp:" + OtlpMapper.sha256("paired|" + String.join("|", g.points));
    }
}
