package dev.tokenwise.usage.otlp;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * What an SDK exporter does when an answer is lost: sends the same batch again. The OTLP exporters of the tests
 * (metrics and logs) send each batch through {@link #send}, twice when {@link #resendNext} is set, and count what
 * they sent and what failed.
 */
abstract class Resends {

    volatile boolean resendNext;
    volatile int exports;
    volatile int failures;

    /** Sends the batch once, or twice if asked; the result of the last sending. */
    CompletableResultCode send(Supplier<CompletableResultCode> export) {
        int times = resendNext ? 2 : 1;
        resendNext = false;
        CompletableResultCode last = null;
        for (int i = 0; i < times; i++) {
            exports++;
            last = export.get().join(30, TimeUnit.SECONDS);
            if (!last.isSuccess()) {
                failures++;
            }
        }
        return last;
    }
}
