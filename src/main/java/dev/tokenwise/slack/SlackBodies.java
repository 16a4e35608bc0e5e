package dev.tokenwise.slack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.common.FormBodies;
import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/**
 * Checks the shape of a verified {@code /slack/events} body before Bolt parses it. Bolt assumes well-formed
 * input (it throws on a broken percent escape, on a payload that is not JSON, or on an event without its
 * {@code event} object), which would be a 500; here such a body is a 400 naming the field. The checks are only
 * what Bolt relies on and the bounds of the Slack ids the listeners store; what each request means is left to
 * Bolt and the listeners.
 */
final class SlackBodies {

    /** The longest Slack user, channel or workspace id taken (Slack's are about 11 characters). */
    static final int ID = 64;
    /** The longest message ts or trigger id taken (Slack's are under 50 characters). */
    static final int TS = 100;

    private SlackBodies() {
    }

    /** Throws a 400 problem when Bolt could not parse {@code raw}; returns quietly otherwise. */
    static void check(byte[] raw, ObjectMapper mapper) {
        String body = new String(raw, StandardCharsets.UTF_8).trim();
        // Bolt tells the Events API (a JSON body) from commands and interactivity (a form) by the first character.
        if (body.startsWith("{") || body.startsWith("[")) {
            JsonNode event = json(mapper, raw, "body");
            JsonNode type = event.get("type");
            if (type == null || !type.isTextual()) {
                throw bad("type", "is required: a string such as event_callback");
            }
            if ("event_callback".equals(type.asText())) {
                JsonNode inner = event.get("event");
                if (inner == null || !inner.isObject() || !inner.path("type").isTextual()) {
                    throw bad("event", "must be an object with a string type");
                }
            }
            return;
        }
        Map<String, String> form = FormBodies.decode(raw);
        String payload = form.get("payload");
        if (payload == null) {
            // A slash command: the ids it carries are looked up and may be stored.
            for (String field : List.of("user_id", "channel_id", "team_id")) {
                id(field, form.get(field), ID);
            }
            return;
        }
        JsonNode p = json(mapper, payload.getBytes(StandardCharsets.UTF_8), "payload");
        JsonNode type = p.get("type");
        if (type == null || !type.isTextual()) {
            throw bad("payload.type", "is required: a string such as block_actions");
        }
        if ("view_submission".equals(type.asText())
                && (!p.path("view").isObject() || !p.path("view").path("type").isTextual())) {
            throw bad("payload.view", "must be an object with a string type");
        }
        if ("block_actions".equals(type.asText())) {
            JsonNode actions = p.path("actions");
            if (!actions.isArray() || actions.isEmpty()) {
                throw bad("payload.actions", "must be a non-empty array");
            }
            for (int i = 0; i < actions.size(); i++) {
                if (!actions.get(i).path("action_id").isTextual()) {
                    throw bad("payload.actions[" + i + "].action_id", "is required: a string");
                }
            }
        }
        // Ids an interaction hands to the listeners, which store them (snoozed_by, outbox channel and dedup key).
        id("payload.user.id", text(p.path("user").path("id")), ID);
        id("payload.channel.id", text(p.path("channel").path("id")), ID);
        id("payload.container.channel_id", text(p.path("container").path("channel_id")), ID);
        id("payload.container.message_ts", text(p.path("container").path("message_ts")), TS);
        id("payload.trigger_id", text(p.path("trigger_id")), TS);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** An id, when present: 1 to {@code max} characters without control characters. */
    private static void id(String field, String v, int max) {
        if (v != null && (v.isEmpty() || v.length() > max || InputLimits.hasControl(v))) {
            throw bad(field, "must be a Slack id of 1 to " + max + " characters without control characters");
        }
    }

    private static JsonNode json(ObjectMapper mapper, byte[] bytes, String field) {
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (IOException e) {
            throw bad(field, "must be one JSON object");
        }
        if (node == null || !node.isObject()) {
            throw bad(field, "must be one JSON object");
        }
        return node;
    }

    private static ProblemException bad(String field, String message) {
        return ProblemException.badRequest("Not a Slack request this app can read.",
                List.of(new Problem.Violation(null, field, message)));
    }
}
