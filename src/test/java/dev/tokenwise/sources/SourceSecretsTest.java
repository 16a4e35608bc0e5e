package dev.tokenwise.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tokenwise.support.Api;
import dev.tokenwise.support.CapturedLogs;
import dev.tokenwise.support.FakeUpstream;
import dev.tokenwise.support.MutableClock;
import dev.tokenwise.support.SourcesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * No credential of a pulled source reaches an answer, the stored state or a log line (docs/contract.md §5.7), even
 * when the upstream echoes it back in an error.
 */
@QuarkusTest
@TestProfile(SourcesProfile.class)
class SourceSecretsTest {

    @Inject
    MutableClock clock;

    @Inject
    SourcesDb sources;

    @Inject
    SourceSync sync;

    @BeforeEach
    void reset() {
        SourcesProfile.github.reset();
        SourcesProfile.anthropic.reset();
        sources.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void noCredentialIsLoggedStoredOrAnsweredEvenWhenTheUpstreamEchoesIt() {
        List<String> answers = new ArrayList<>();
        List<String> logs;
        try (CapturedLogs captured = CapturedLogs.start()) {
            clock.set("2026-03-10T09:00:00Z");
            sources.coveredThrough("copilot", LocalDate.parse("2026-03-08"));
            sources.coveredThrough("anthropic", LocalDate.parse("2026-03-08"));
            SourcesProfile.github.handle(r -> FakeUpstream.Response.status(401,
                    "{\"message\":\"Bad credentials: " + SourcesProfile.GITHUB_TOKEN + "\"}"));
            SourcesProfile.anthropic.handle(r -> FakeUpstream.Response.status(500,
                    "{\"error\":{\"message\":\"key " + SourcesProfile.ANTHROPIC_KEY + " overloaded\"}}"));

            answers.add(Api.admin().post("/api/admin/sources/copilot/sync").then().statusCode(502).extract()
                    .asString());
            answers.add(Api.admin().post("/api/admin/sources/anthropic/sync").then().statusCode(502).extract()
                    .asString());
            clock.set("2026-03-10T12:00:00Z");
            sync.runDue(); // the schedule's path logs too
            answers.add(Api.admin().get("/api/admin/sources").then().statusCode(200).extract().asString());
            answers.add(Api.admin().get("/api/admin/audit").then().statusCode(200).extract().asString());
            logs = captured.lines();
        }
        // The credentials were in use: each went to its own upstream.
        assertEquals("Bearer " + SourcesProfile.GITHUB_TOKEN,
                SourcesProfile.github.requests().get(0).header("Authorization"));
        assertEquals(SourcesProfile.ANTHROPIC_KEY, SourcesProfile.anthropic.requests().get(0).header("x-api-key"));
        assertTrue(answers.get(0).contains("answered HTTP 401 (check the credentials and their scope)"),
                answers.get(0));
        assertTrue(answers.get(1).contains("answered HTTP 500 (3 attempts)"), answers.get(1));
        assertTrue(logs.stream().anyMatch(l -> l.contains("Pulled source copilot failed")), String.join("\n", logs));
        for (String secret : List.of(SourcesProfile.GITHUB_TOKEN, SourcesProfile.ANTHROPIC_KEY, "TESTSECRET")) {
            answers.forEach(a -> assertFalse(a.contains(secret), a));
            logs.forEach(l -> assertFalse(l.contains(secret), l));
        }
    }
}
