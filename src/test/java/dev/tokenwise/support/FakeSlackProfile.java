package dev.tokenwise.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Tests that talk to a {@link FakeSlack} over real HTTP: SLACK_API_URL points at it, a dummy bot token selects the
 * Slack chat adapter, and the outbox sender runs on commit (the periodic poll stays off; tests drive it).
 */
public class FakeSlackProfile implements QuarkusTestProfile {

    public static final String BOT_TOKEN = "xoxb-test";
    /** The one user id of TOKENWISE_ADMINS in these tests. */
    public static final String ADMIN = "U0ENVADMIN";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenwise.slack.bot-token", BOT_TOKEN,
                "tokenwise.outbox.send-on-commit", "true",
                "tokenwise.outbox.backoff-base", "5s",
                "tokenwise.slack.http-timeout", "5s",
                "tokenwise.slack.admins", ADMIN);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    /** Starts the fake before Quarkus and hands its URL to the configuration. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            FakeSlack fake = new FakeSlack();
            try {
                fake.start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            FakeSlack.INSTANCE = fake;
            return Map.of("tokenwise.slack.api-url", fake.apiUrl());
        }

        @Override
        public void stop() {
            if (FakeSlack.INSTANCE != null) {
                FakeSlack.INSTANCE.stop();
            }
        }
    }
}
