package dev.tokenwise.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one place where the database dialect is chosen (as {@code slack.ChatPortProducer} chooses the chat adapter). */
@ApplicationScoped
public class SqlDialectProducer {

    @Produces
    @Singleton
    SqlDialect dialect(@ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        return switch (dbKind) {
            case "postgresql", "pgsql", "postgres" -> SqlDialect.POSTGRESQL;
            case "h2" -> SqlDialect.H2;
            default -> throw new IllegalStateException("Unsupported quarkus.datasource.db-kind " + dbKind
                    + ": Tokenwise runs on h2 or postgresql");
        };
    }
}
