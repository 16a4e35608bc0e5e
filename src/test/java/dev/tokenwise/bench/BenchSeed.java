package dev.tokenwise.bench;

import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The one seed every benchmark reads ({@code bench/run}): {@link UsageSeeder#ensure} (10 M usage events, 100 teams,
 * 90 days ending Monday 2026-01-05) then {@link DeliverySeeder#ensure} (the teams, their repositories and 200,000
 * PRs), then {@link AttributionSeeder#ensure} (what AI attribution reads: those PRs' branches and commits, session
 * commits, AI markers, direct costs). Each part is skipped when its marker says it is already there, so every
 * benchmark calls this first.
 */
public final class BenchSeed {

    public static final UsageSeeder.Spec SPEC = UsageSeeder.Spec.DEFAULT;
    private static boolean done;

    private BenchSeed() {
    }

    public static synchronized void ensure(DataSource ds) throws SQLException {
        if (done) {
            return;
        }
        long t0 = System.nanoTime();
        UsageSeeder.Result usage = UsageSeeder.ensure(ds, SPEC);
        System.out.printf("BENCH seed usage: %,d events, %d teams, %d days: %s %.0f s%n", SPEC.events(), SPEC.teams(),
                SPEC.days(), usage.reused() ? "reused (first seeding took)" : "seeded in",
                usage.reused() ? usage.seconds() : (System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        UsageSeeder.Result delivery = DeliverySeeder.ensure(ds, SPEC);
        System.out.printf("BENCH seed delivery: %,d PRs for the same teams: %s %.0f s%n", DeliverySeeder.PULL_REQUESTS,
                delivery.reused() ? "reused (first seeding took)" : "seeded in",
                delivery.reused() ? delivery.seconds() : (System.nanoTime() - t1) / 1e9);
        long t2 = System.nanoTime();
        UsageSeeder.Result attribution = AttributionSeeder.ensure(ds, SPEC);
        System.out.printf("BENCH seed attribution: branches, commits, PR and session commits, AI markers and direct "
                + "costs for the same PRs: %s %.0f s%n", attribution.reused() ? "reused (first seeding took)" : "seeded in",
                attribution.reused() ? attribution.seconds() : (System.nanoTime() - t2) / 1e9);
        done = true;
    }
}
