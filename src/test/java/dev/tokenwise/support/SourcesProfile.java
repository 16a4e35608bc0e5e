package dev.tokenwise.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Tests of the pulled sources (docs/contract.md §5.7) against fakes of GitHub, Anthropic and OpenAI over real HTTP:
 * GitHub and Anthropic have credentials, OpenAI has none (its base URL points at its fake, which must see nothing).
 * Report downloads are allowed from {@code localhost} (the fake's second name), not from other hosts.
 */
public class SourcesProfile implements QuarkusTestProfile {

    public static final String GITHUB_TOKEN = "ghp_TESTSECRETgithub0123456789abcdef";
    public static final String ANTHROPIC_KEY = "sk-ant-admin01-TESTSECRETanthropic0123";
    public static final String ORG = "acme";

    public static volatile FakeUpstream github;
    public static volatile FakeUpstream anthropic;
    public static volatile FakeUpstream openai;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenwise.sources.github.token", GITHUB_TOKEN,
                "tokenwise.sources.github.org", ORG,
                "tokenwise.sources.github.report-hosts", "localhost",
                "tokenwise.sources.anthropic.admin-key", ANTHROPIC_KEY,
                "tokenwise.sources.initial-days", "3",
                "tokenwise.sources.attempts", "3");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    /** Starts the three fakes before Quarkus and points the base URLs at them. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            github = new FakeUpstream().start();
            anthropic = new FakeUpstream().start();
            openai = new FakeUpstream().start();
            return Map.of("tokenwise.sources.github.api-url", github.url(),
                    "tokenwise.sources.anthropic.api-url", anthropic.url(),
                    "tokenwise.sources.openai.api-url", openai.url());
        }

        @Override
        public void stop() {
            github.stop();
            anthropic.stop();
            openai.stop();
        }
    }
}
