package dev.tokenwise.gitlab;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.github.GitHubEventRouter;
import dev.tokenwise.github.GitHubWebhookResource;

/**
 * {@code POST /webhooks/gitlab} (docs/contract.md §6.5). The {@code X-Gitlab-Token} is checked before the body is
 * parsed; a missing or wrong one is 401 and nothing is stored. Without a configured secret every delivery is refused
 * with 503, so a forgotten variable never opens the endpoint. Accepted deliveries answer 202 once committed, with
 * the same answer as GitHub's.
 */
@Path("/webhooks/gitlab")
public class GitLabWebhookResource {

    /** The stored delivery id is prefixed (github_delivery.delivery_id holds 100 characters). */
    static final int DELIVERY_ID = 90;

    private final Optional<GitLabToken> token;
    private final GitLabEventRouter deliveries;
    private final ObjectMapper mapper;

    public GitLabWebhookResource(GitLabConfig config, GitLabEventRouter deliveries, ObjectMapper mapper) {
        this.token = config.webhookSecret().filter(s -> !s.isBlank()).map(GitLabToken::new);
        this.deliveries = deliveries;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("X-Gitlab-Event") String event,
            @HeaderParam("X-Gitlab-Event-UUID") String eventUuid,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Gitlab-Token") String tokenHeader, byte[] body) throws IOException {
        if (token.isEmpty()) {
            throw new ProblemException(503, "webhook-not-configured", "Webhook not configured",
                    "GitLab webhooks are disabled until GITLAB_WEBHOOK_SECRET is set; no delivery is accepted.");
        }
        if (tokenHeader == null || tokenHeader.isEmpty()) {
            throw new ProblemException(401, "invalid-token", "Unauthorized",
                    "The delivery has no X-Gitlab-Token header; set the webhook's secret token in GitLab.");
        }
        if (!token.get().matches(tokenHeader)) {
            throw new ProblemException(401, "invalid-token", "Unauthorized",
                    "X-Gitlab-Token does not match GITLAB_WEBHOOK_SECRET.");
        }
        String deliveryId = eventUuid != null && !eventUuid.isBlank() ? eventUuid : idempotencyKey;
        String header = eventUuid != null && !eventUuid.isBlank() ? "X-Gitlab-Event-UUID" : "Idempotency-Key";
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.trim().length() > DELIVERY_ID
                || InputLimits.hasControl(deliveryId)) {
            throw ProblemException.badRequest("GitLab deliveries carry X-Gitlab-Event and X-Gitlab-Event-UUID.",
                    List.of(new Problem.Violation(null, header,
                            "is required: 1 to " + DELIVERY_ID + " characters without control characters")));
        }
        if (event == null || event.isBlank() || event.trim().length() > 64 || InputLimits.hasControl(event)) {
            throw ProblemException.badRequest("GitLab deliveries carry X-Gitlab-Event and X-Gitlab-Event-UUID.",
                    List.of(new Problem.Violation(null, "X-Gitlab-Event", "is required: 1 to 64 characters")));
        }
        GitLabPayload payload = mapper.readValue(body == null ? new byte[0] : body, GitLabPayload.class);
        if (payload == null) {
            throw ProblemException.badRequest("The delivery's payload must be a JSON object.",
                    List.of(new Problem.Violation(null, "body", "must be an object")));
        }
        GitHubEventRouter.Outcome outcome = deliveries.handle(deliveryId.trim(), event.trim(), payload);
        return Response.accepted(new GitHubWebhookResource.Answer(deliveryId.trim(), event.trim(),
                outcome.name().toLowerCase())).build();
    }
}
