package dev.tokenwise.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.common.FormBodies;
import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/**
 * {@code POST /webhooks/github} (docs/contract.md §6). The signature is checked on the raw bytes before anything is
 * parsed; a missing or wrong one is 401 and nothing is stored. Without a configured secret every delivery is refused
 * with 503, so a forgotten variable never opens the endpoint. Accepted deliveries answer 202 once committed.
 */
@Path("/webhooks/github")
public class GitHubWebhookResource {

    private final Optional<GitHubSignature> signature;
    private final GitHubEventRouter deliveries;
    private final ObjectMapper mapper;

    public GitHubWebhookResource(GitHubConfig config, GitHubEventRouter deliveries, ObjectMapper mapper) {
        this.signature = config.webhookSecret().filter(s -> !s.isBlank()).map(GitHubSignature::new);
        this.deliveries = deliveries;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("X-GitHub-Event") String event,
            @HeaderParam("X-GitHub-Delivery") String deliveryId,
            @HeaderParam("X-Hub-Signature-256") String signatureHeader,
            @HeaderParam("Content-Type") String contentType, byte[] body) throws IOException {
        if (signature.isEmpty()) {
            throw new ProblemException(503, "webhook-not-configured", "Webhook not configured",
                    "GitHub webhooks are disabled until GITHUB_WEBHOOK_SECRET is set; no delivery is accepted.");
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new ProblemException(401, "invalid-signature", "Unauthorized",
                    "The delivery has no X-Hub-Signature-256 header; set the webhook's secret in GitHub.");
        }
        if (!signature.get().verify(raw, signatureHeader)) {
            throw new ProblemException(401, "invalid-signature", "Unauthorized",
                    "X-Hub-Signature-256 does not match the body: the webhook's secret differs from "
                            + "GITHUB_WEBHOOK_SECRET, or the body was altered.");
        }
        // The delivery id is stored (github_delivery.delivery_id, 100 characters); GitHub's are UUIDs.
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.trim().length() > 100
                || InputLimits.hasControl(deliveryId)) {
            throw ProblemException.badRequest("GitHub deliveries carry X-GitHub-Event and X-GitHub-Delivery.",
                    List.of(new Problem.Violation(null, "X-GitHub-Delivery",
                            "is required: 1 to 100 characters without control characters")));
        }
        if (event == null || event.isBlank()) {
            throw ProblemException.badRequest("GitHub deliveries carry X-GitHub-Event and X-GitHub-Delivery.",
                    List.of(new Problem.Violation(null, "X-GitHub-Event", "is required")));
        }
        GitHubPayload payload = mapper.readValue(json(raw, contentType), GitHubPayload.class);
        if (payload == null) {
            throw ProblemException.badRequest("The delivery's payload must be a JSON object.",
                    List.of(new Problem.Violation(null, "body", "must be an object")));
        }
        GitHubEventRouter.Outcome outcome = deliveries.handle(deliveryId.trim(), event.trim(), payload);
        return Response.accepted(new Answer(deliveryId.trim(), event.trim(), outcome.name().toLowerCase()))
                .build();
    }

    /**
     * GitHub may send the JSON as the {@code payload} field of a form (content type x-www-form-urlencoded). The form
     * is decoded strictly: a broken escape is a 400 naming the field, not a 500.
     */
    private static byte[] json(byte[] raw, String contentType) {
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return raw;
        }
        String payload = FormBodies.decode(raw).get("payload");
        if (payload == null) {
            throw ProblemException.badRequest("A form-encoded delivery must carry the JSON in its payload field.",
                    List.of(new Problem.Violation(null, "payload", "is required")));
        }
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code status}: stored, duplicate (this delivery id was already processed) or ignored (unused event). */
    public record Answer(String delivery, String event, String status) {
    }
}
