package dev.tokenwise.common.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Service-wide switches and bearer tokens (env: TOKENWISE_ADMIN_TOKEN, TOKENWISE_INGEST_TOKEN, ...). */
@ConfigMapping(prefix = "tokenwise")
public interface TokenwiseConfig {

    /**
     * Bearer token(s) for {@code /api/admin/*} and the scorecard: one bare token (named "admin" in the audit log)
     * or comma-separated {@code name:token} pairs. Unset = every admin request is refused.
     */
    Optional<String> adminToken();

    /**
     * Bearer token(s) for {@code /ingest/*}, {@code /v1/metrics} and {@code /v1/logs}, same format. Unset = ingest refuses all.
     */
    Optional<String> ingestToken();

    /** Read-only bearer token(s) for {@code /api/teams/*}, same format. Optional. */
    Optional<String> readToken();

    /** HMAC key for actor pseudonyms; generated and stored in the database on first start when unset. */
    Optional<String> pseudonymKey();

    /** Seed demo teams with synthetic history at start-up. */
    @WithDefault("false")
    boolean demo();

    /**
     * The test database Maven passes as {@code -Dtokenwise.test.jdbc-url} / {@code -Dtokenwise.test.username}
     * (see pom.xml); declared only so that those system properties are not rejected as unknown
     * {@code tokenwise.*} keys when the tests start. Never read by the service.
     */
    TestDatabase test();

    interface TestDatabase {
        Optional<String> jdbcUrl();

        Optional<String> username();
    }
}
