package dev.tokenwise.slack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Slack's single request URL (slash commands, interactivity, Events API incl. url_verification): a thin adapter
 * in the manner of Bolt's Micronaut adapter. The raw body is verified first, then handed to Bolt as a
 * {@link Request}; Bolt's status, headers and body are copied back.
 * <p>
 * Note: the body is taken as bytes, not as a String parameter, so the HMAC covers exactly what Slack signed
 * whatever charset the Content-Type names; it is decoded as UTF-8 (Slack's encoding) only afterwards.
 */
@Path("/slack/events")
public class SlackEventsResource {

    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignatureVerifier verifier;
    private final MeterRegistry registry;
    private final ObjectMapper mapper;

    public SlackEventsResource(App app, SlackSettings settings, Clock clock, MeterRegistry registry,
            ObjectMapper mapper) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.verifier = settings.signingSecret().filter(s -> !s.isBlank())
                .map(s -> new SlackSignatureVerifier(s, clock, settings.maxClockSkew())).orElse(null);
        this.registry = registry;
        this.mapper = mapper;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response handle(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) throws Exception {
        if (verifier == null) {
            throw new ProblemException(503, "slack-not-configured", "Slack is not configured",
                    "Slack requests are refused until SLACK_SIGNING_SECRET is set.");
        }
        byte[] raw = body == null ? new byte[0] : body;
        SlackSignatureVerifier.Outcome outcome = verifier.verify(
                headers.getHeaderString(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP),
                headers.getHeaderString(SlackSignature.HeaderNames.X_SLACK_SIGNATURE), raw);
        if (outcome != SlackSignatureVerifier.Outcome.OK) {
            registry.counter("tokenwise.slack.rejected", "reason", outcome.name().toLowerCase()).increment();
            throw new ProblemException(401, "bad-slack-signature", "Unauthorized", switch (outcome) {
                case MISSING_HEADERS -> "X-Slack-Request-Timestamp and X-Slack-Signature are required.";
                case BAD_TIMESTAMP -> "X-Slack-Request-Timestamp must be a Unix time in seconds.";
                case STALE_TIMESTAMP, FUTURE_TIMESTAMP ->
                    "X-Slack-Request-Timestamp is more than 5 minutes away from our clock.";
                default -> "The Slack signature does not match the request.";
            });
        }
        SlackBodies.check(raw, mapper);
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(uri.getRequestUri().getPath())
                    .queryString(queryOf(uri))
                    .headers(new RequestHeaders(headersOf(headers)))
                    .requestBody(new String(raw, StandardCharsets.UTF_8))
                    .build());
        } catch (RuntimeException e) {
            // SlackBodies covers what Bolt's parser is known to need; anything else it cannot parse is still the
            // request's fault, not ours.
            throw ProblemException.badRequest("Not a Slack request this app can read.",
                    List.of(new Problem.Violation(null, "body", "is not a Slack request Bolt can parse")));
        }
        if (request == null) {
            throw ProblemException.badRequest("Not a Slack request this app understands.",
                    List.of(new Problem.Violation(null, "body",
                            "must be a slash command, an interaction payload or an Events API event")));
        }
        // Note: Bolt's response, not the JAX-RS one imported here.
        var r = app.run(request);
        if (r.getStatusCode() >= 400) {
            throw refusal(r.getStatusCode());
        }
        Response.ResponseBuilder out = Response.status(r.getStatusCode());
        r.getHeaders().forEach((name, values) -> values.forEach(v -> out.header(name, v)));
        if (r.getBody() != null) {
            out.entity(r.getBody());
            out.type(r.getContentType() != null ? r.getContentType() : MediaType.TEXT_PLAIN);
        }
        return out.build();
    }

    /**
     * Bolt's own refusals (no listener for this action or event, no actions in a block_actions payload) come as
     * plain text or ad-hoc JSON: they are answered as problems like every other error.
     */
    private static ProblemException refusal(int status) {
        if (status >= 500) {
            return new ProblemException(status, "server-error", "Internal Server Error",
                    "The service could not complete the request.");
        }
        if (status == 404) {
            return new ProblemException(404, "not-found", "Not found",
                    "No listener of this app handles this Slack request.");
        }
        return new ProblemException(status, "invalid-request", "Invalid request",
                "Slack's request lacks what its type needs.");
    }

    private static Map<String, List<String>> headersOf(HttpHeaders headers) {
        Map<String, List<String>> map = new HashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> map.put(k.toLowerCase(), new ArrayList<>(v)));
        return map;
    }

    private static Map<String, List<String>> queryOf(UriInfo uri) {
        Map<String, List<String>> map = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> map.put(k, new ArrayList<>(v)));
        return map;
    }
}
