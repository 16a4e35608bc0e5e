package dev.tokenwise.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The benchmark runs against a persistent database: never clean it (and refuse to, should anything try). */
public class BenchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // No scheduled jobs (retention would start deleting the seeded history mid-run).
        return Map.of("quarkus.scheduler.enabled", "false",
                "tokenwise.ingest.retention-days", "36500",
                "quarkus.flyway.clean-at-start", "false",
                "quarkus.flyway.clean-disabled", "true",
                // A bench database migrated by an older build may lack a lower version added since (V3 after V4).
                "quarkus.flyway.out-of-order", "true",
                "quarkus.log.category.\"dev.tokenwise\".level", "WARN",
                "quarkus.datasource.jdbc.max-size", "40");
    }
}
