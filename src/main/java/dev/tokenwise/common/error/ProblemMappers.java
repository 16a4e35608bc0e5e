package dev.tokenwise.common.error;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every error answer is problem+json with a stable type and no class names or stack traces.
 * Rejected requests are counted by reason ({@code tokenwise_rejected_requests_total{reason}}).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final MeterRegistry registry;

    public ProblemMappers(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem(), e.slug());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.Violation> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(null, leaf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return respond(new Problem(Problem.type("invalid-request"), "Invalid request", 400,
                "The request has " + errors.size() + " invalid field(s).", null, errors), "invalid-request");
    }

    /**
     * Jackson's own type errors ({@code "monthly_budget_usd": "lots"}, a body {@code []}, {@code 2026-13-01},
     * trailing content). Quarkus REST registers a built-in mapper for this exact type (priority USER + 100) that
     * answers a bare 400; this one has the default priority USER and so takes precedence.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String detail = "The body is not valid JSON for this endpoint"
                + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")" : "")
                + ".";
        return respond(new Problem(Problem.type("malformed-json"), "Malformed JSON", 400, detail, null,
                List.of(JsonErrors.violation(e))), "malformed-json");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus REST's JSON reader wraps syntax errors and out-of-range numbers in a bare 400: answer them as the
        // JSON errors they are, naming the field.
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        String slug = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "server-error" : "bad-request";
        };
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "Error";
        String detail = status >= 500 ? "The service could not complete the request." : e.getMessage();
        return respond(Problem.of(status, slug, title, detail), slug);
    }

    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        LOG.error("Unhandled error", e);
        return respond(Problem.of(500, "server-error", "Internal Server Error",
                "The service could not complete the request."), "server-error");
    }

    private Response respond(Problem problem, String reason) {
        if (problem.status() < 500) {
            registry.counter("tokenwise.rejected.requests", "reason", reason).increment();
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String leaf(String path) {
        // "put.update.digestTime" -> "digest_time": the method and parameter names mean nothing to a client,
        // and the JSON is snake_case.
        String[] parts = path.split("\\.");
        String tail = parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : path;
        return tail.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
