package dev.tokenwise.common.db;

/**
 * The database the service runs on. Chosen once, from {@code quarkus.datasource.db-kind}, by {@link SqlDialectProducer};
 * code that needs a statement only one of them understands asks for this bean instead of reading the configuration.
 */
public enum SqlDialect {
    /** Embedded H2 in {@code MODE=PostgreSQL}: the default, development and tests. */
    H2,
    /** PostgreSQL: production, several replicas. */
    POSTGRESQL;

    public boolean postgres() {
        return this == POSTGRESQL;
    }
}
