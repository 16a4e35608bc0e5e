package dev.tokenwise.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.MutableClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code /tokenwise cost-per-pr} under load: 8 concurrent clients, signed requests over HTTP ({@code /slack/events}),
 * on the shared seed ({@link BenchSeed}: 10 million usage events and 200,000 PRs across 100 teams), with the clock
 * set to the seed's last day. Prints p50/p95/p99/max; fails if p99 ≥ 300 ms. Run with {@code bench/run cost-per-pr}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class CostPerPrBench {

    static final Instant NOW = Instant.parse("2026-01-04T18:00:00Z");
    @Inject
    DataSource dataSource;

    @TestHTTPResource("/slack/events")
    URL events;

    @Inject
    MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void costPerPrAnswersUnder300MsAtP99() throws Exception {
        BenchSeed.ensure(dataSource);
        clock.set(NOW);
        double p99 = new SlashCommandLoad(events, clock, "cost-per-pr", "Cost per merged PR").p99();
        assertTrue(p99 < 300, "p99 " + p99 + " ms");
    }
}
