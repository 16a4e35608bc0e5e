package dev.tokenwise.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The benchmark runs against a persistent database: never clean it (and refuse to, should anything try). */
public class BenchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.flyway.clean-at-start", "false",
                "quarkus.flyway.clean-disabled", "true",
                "quarkus.log.category.\"dev.tokenwise\".level", "WARN",
                "quarkus.datasource.jdbc.max-size", "40");
    }
}
