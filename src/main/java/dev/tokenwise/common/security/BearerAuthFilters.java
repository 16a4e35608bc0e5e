package dev.tokenwise.common.security;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.tokenwise.common.error.Problem;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bearer-token checks for the three token scopes. A scope whose variable is unset refuses every request,
 * so forgetting to configure a token never opens an endpoint.
 */
public class BearerAuthFilters {

    private final BearerTokens admin;
    private final BearerTokens ingest;
    private final BearerTokens read;

    @Inject
    Caller caller;

    @Inject
    MeterRegistry registry;

    public BearerAuthFilters(TokenwiseConfig config) {
        this.admin = BearerTokens.parse(config.adminToken(), "admin");
        this.ingest = BearerTokens.parse(config.ingestToken(), "ingest");
        this.read = BearerTokens.parse(config.readToken(), "read");
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    @AdminAuth
    public Optional<Response> admin(ContainerRequestContext ctx) {
        return check(ctx, admin, null, "TOKENWISE_ADMIN_TOKEN");
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    @IngestAuth
    public Optional<Response> ingest(ContainerRequestContext ctx) {
        return check(ctx, ingest, null, "TOKENWISE_INGEST_TOKEN");
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    @ReadAuth
    public Optional<Response> read(ContainerRequestContext ctx) {
        return check(ctx, admin, read, "TOKENWISE_ADMIN_TOKEN");
    }

    private Optional<Response> check(ContainerRequestContext ctx, BearerTokens tokens, BearerTokens alternative,
            String variable) {
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
        Optional<String> name = tokens.match(presented);
        if (name.isEmpty() && alternative != null) {
            name = alternative.match(presented);
        }
        if (name.isPresent()) {
            caller.set(name.get());
            return Optional.empty();
        }
        String detail = tokens.isEmpty() && (alternative == null || alternative.isEmpty())
                ? "This endpoint is disabled until " + variable + " is set."
                : presented == null ? "Send Authorization: Bearer <token>." : "The bearer token is not valid here.";
        registry.counter("tokenwise.rejected.requests", "reason", "unauthorized").increment();
        return Optional.of(Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "unauthorized", "Unauthorized", detail))
                .build());
    }
}
