package dev.tokenwise.support;

import static io.restassured.RestAssured.given;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.slack.api.app_backend.SlackSignature;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to {@code POST /slack/events} built and signed exactly as Slack does: form-encoded body (slash
 * commands; interactivity as one {@code payload} field), {@code X-Slack-Request-Timestamp} and
 * {@code X-Slack-Signature = v0=HMAC-SHA256(secret, "v0:" + ts + ":" + body)} computed with the Slack SDK's own
 * generator.
 */
public final class SlackRequests {

    /** The test profile's signing secret ({@code %test.tokenwise.slack.signing-secret}). */
    public static final String SECRET = "test-signing-secret";

    private SlackRequests() {
    }

    public static String slashCommandBody(String text, String channelId, String userId, String responseUrl) {
        return slashCommandBody(text, channelId, "team-channel", userId, responseUrl,
                "13345224609.738474920.8088930838d88f008e0");
    }

    /** A slash command typed in a channel of the given name, with its own trigger id. */
    public static String slashCommandBody(String text, String channelId, String channelName, String userId,
            String responseUrl, String triggerId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy-verification-token");
        f.put("team_id", "T0TEST");
        f.put("team_domain", "acme");
        f.put("channel_id", channelId);
        f.put("channel_name", channelName);
        f.put("user_id", userId);
        f.put("user_name", "amy");
        f.put("command", "/tokenwise");
        f.put("text", text);
        f.put("api_app_id", "A0TEST");
        f.put("is_enterprise_install", "false");
        f.put("response_url", responseUrl);
        f.put("trigger_id", triggerId);
        return form(f);
    }

    /** An interaction (block_actions, view_submission) as Slack sends it: one form field {@code payload}. */
    public static String interactionBody(String payloadJson) {
        return "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8);
    }

    /** An Events API request (JSON) signed at {@code now}. */
    public static Response postJson(String body, Instant now) {
        String ts = Long.toString(now.getEpochSecond());
        return unsigned("application/json", body)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature(SECRET, ts, body))
                .post("/slack/events");
    }

    public static String blockActionBody(String actionId, String value, String channelId, String userId,
            String messageTs, String triggerId, String responseUrl) {
        String json = "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + userId + "\",\"username\":\"amy\","
                + "\"team_id\":\"T0TEST\"},\"api_app_id\":\"A0TEST\",\"token\":\"legacy\",\"container\":{\"type\":"
                + "\"message\",\"message_ts\":\"" + messageTs + "\",\"channel_id\":\"" + channelId + "\","
                + "\"is_ephemeral\":true},\"trigger_id\":\"" + triggerId + "\",\"team\":{\"id\":\"T0TEST\","
                + "\"domain\":\"acme\"},\"channel\":{\"id\":\"" + channelId + "\",\"name\":\"team-channel\"},"
                + "\"response_url\":\"" + responseUrl + "\",\"actions\":[{\"action_id\":\"" + actionId + "\","
                + "\"block_id\":\"b1\",\"text\":{\"type\":\"plain_text\",\"text\":\"Share in channel\"},"
                + "\"value\":\"" + value + "\",\"type\":\"button\",\"action_ts\":\"1700000001.000200\"}]}";
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public static String signature(String secret, String timestamp, String body) {
        return new SlackSignature.Generator(secret).generate(timestamp, body);
    }

    /** A raw request, with no Slack headers. */
    public static RequestSpecification unsigned(String contentType, String body) {
        return given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(contentType).body(body);
    }

    /** Posts a form body signed now (by the real clock, or {@code now} when given). */
    public static Response post(String body, Instant now) {
        String ts = Long.toString(now.getEpochSecond());
        return unsigned("application/x-www-form-urlencoded", body)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature(SECRET, ts, body))
                .post("/slack/events");
    }

    public static Response post(String body) {
        return post(body, Instant.now());
    }
}
