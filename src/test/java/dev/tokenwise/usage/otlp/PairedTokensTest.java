package dev.tokenwise.usage.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The per-export combination of docs/contract.md §5.3, on its own: input − cached input and the carry. */
class PairedTokensTest {

    private static OtlpSample sample(String series, long time, OtlpSample.Kind kind) {
        return new OtlpSample(series, "group-1", false, time - 1, time, 0, kind, "t", null, "coding", "codex",
                "gpt-5", "s", null, null, false);
    }

    @Test
    void inputLessCachedInputWithReasoningAsPartOfOutput() {
        PairedTokens p = new PairedTokens();
        p.add(sample("in", 10, OtlpSample.Kind.INPUT_WITH_CACHED), 1_000);
        p.add(sample("cached", 10, OtlpSample.Kind.CACHED_OF_INPUT), 600);
        p.add(sample("out", 10, OtlpSample.Kind.OUTPUT), 300);
        p.add(sample("reasoning", 10, OtlpSample.Kind.REASONING), 100);
        PairedTokens.Made m = p.make(Map.of(), Set.of()).get(0);
        assertEquals(List.of(400L, 600L, 0L, 300L, 100L, 0d),
                List.of(m.input(), m.cached(), m.write(), m.output(), m.reasoning(), m.carry()));
    }

    @Test
    void cachedAheadOfInputIsCarriedAndTheCarryIsRepaidFromTheNextInput() {
        PairedTokens first = new PairedTokens();
        first.add(sample("cached", 10, OtlpSample.Kind.CACHED_OF_INPUT), 600);
        PairedTokens.Made a = first.make(Map.of(), Set.of()).get(0);
        assertEquals(0, a.input());
        assertEquals(600, a.cached());
        assertEquals(600d, a.carry());

        PairedTokens second = new PairedTokens();
        second.add(sample("in", 20, OtlpSample.Kind.INPUT_WITH_CACHED), 250);
        PairedTokens.Made b = second.make(Map.of("group-1", 600d), Set.of()).get(0);
        assertEquals(0, b.input());
        assertEquals(350d, b.carry()); // still owed: never negative, never dropped

        PairedTokens third = new PairedTokens();
        third.add(sample("in", 30, OtlpSample.Kind.INPUT_WITH_CACHED), 1_000);
        PairedTokens.Made c = third.make(Map.of("group-1", 350d), Set.of()).get(0);
        assertEquals(650, c.input()); // 1250 − 600 over the three exports
        assertEquals(0d, c.carry());
    }

    @Test
    void geminiThoughtIsOutputAndReasoningAndToolIsInput() {
        PairedTokens p = new PairedTokens();
        p.add(sample("in", 10, OtlpSample.Kind.INPUT_WITH_CACHED), 2_000);
        p.add(sample("cache", 10, OtlpSample.Kind.CACHED_OF_INPUT), 500);
        p.add(sample("tool", 10, OtlpSample.Kind.INPUT), 10);
        p.add(sample("out", 10, OtlpSample.Kind.OUTPUT), 100);
        p.add(sample("thought", 10, OtlpSample.Kind.THOUGHT), 40);
        PairedTokens.Made m = p.make(Map.of(), Set.of()).get(0);
        assertEquals(List.of(1_510L, 500L, 140L, 40L), List.of(m.input(), m.cached(), m.output(), m.reasoning()));
    }

    @Test
    void theSamePointTwiceCountsOnceAndAStoredEventIsNotMadeAgain() {
        PairedTokens p = new PairedTokens();
        p.add(sample("in", 10, OtlpSample.Kind.INPUT_WITH_CACHED), 1_000);
        p.add(sample("in", 10, OtlpSample.Kind.INPUT_WITH_CACHED), 1_000);
        assertEquals(1_000, p.make(Map.of(), Set.of()).get(0).input());
        assertTrue(p.make(Map.of(), Set.copyOf(p.eventKeys())).isEmpty());
    }

    @Test
    void nothingCountedMakesNoEvent() {
        PairedTokens p = new PairedTokens();
        p.add(sample("in", 10, OtlpSample.Kind.INPUT_WITH_CACHED), 0);
        assertTrue(p.make(Map.of("group-1", 300d), Set.of()).isEmpty());
    }
}
