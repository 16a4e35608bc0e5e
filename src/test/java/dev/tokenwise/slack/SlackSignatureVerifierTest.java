package dev.tokenwise.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.tokenwise.slack.SlackSignatureVerifier.Outcome;

/** Slack's documented signing example (fixtures/slack/signing, see SOURCES.md), with an injected clock. */
class SlackSignatureVerifierTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TS = "1531420618";
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    static byte[] body() throws IOException {
        try (InputStream in = SlackSignatureVerifierTest.class
                .getResourceAsStream("/payloads/slack/slash-command-signing-example.body.txt")) {
            return in.readAllBytes();
        }
    }

    static SlackSignatureVerifier at(long epochSecond) {
        return new SlackSignatureVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC),
                Duration.ofMinutes(5));
    }

    @Test
    void acceptsSlacksDocumentedExample() throws IOException {
        assertEquals(362, body().length);
        assertEquals(Outcome.OK, at(1531420618L + 10).verify(TS, SIGNATURE, body()));
        assertEquals(SIGNATURE, at(1531420618L).sign(TS, body()));
    }

    @Test
    void refusesATamperedBodyOrSignature() throws IOException {
        byte[] tampered = body();
        tampered[tampered.length - 1] ^= 1;
        assertEquals(Outcome.BAD_SIGNATURE, at(1531420618L).verify(TS, SIGNATURE, tampered));
        assertEquals(Outcome.BAD_SIGNATURE, at(1531420618L).verify(TS, SIGNATURE.replace('a', 'b'), body()));
        assertEquals(Outcome.BAD_SIGNATURE, at(1531420618L).verify(TS, "v0=", body()));
    }

    @Test
    void refusesTimestampsMoreThanFiveMinutesOffInEitherDirection() throws IOException {
        assertEquals(Outcome.OK, at(1531420618L + 300).verify(TS, SIGNATURE, body()));
        assertEquals(Outcome.STALE_TIMESTAMP, at(1531420618L + 301).verify(TS, SIGNATURE, body()));
        assertEquals(Outcome.OK, at(1531420618L - 300).verify(TS, SIGNATURE, body()));
        assertEquals(Outcome.FUTURE_TIMESTAMP, at(1531420618L - 301).verify(TS, SIGNATURE, body()));
    }

    @Test
    void refusesMissingOrMalformedHeaders() throws IOException {
        assertEquals(Outcome.MISSING_HEADERS, at(1531420618L).verify(null, SIGNATURE, body()));
        assertEquals(Outcome.MISSING_HEADERS, at(1531420618L).verify(TS, null, body()));
        assertEquals(Outcome.BAD_TIMESTAMP, at(1531420618L).verify("yesterday", SIGNATURE, body()));
    }
}
