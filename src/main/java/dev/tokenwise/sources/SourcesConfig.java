package dev.tokenwise.sources;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The pulled sources of docs/contract.md §5.7. Credentials come only from the environment (README "Pulled
 * sources"); a source without them is off and makes no call. Base URLs are configurable so that tests talk to fakes.
 */
@ConfigMapping(prefix = "tokenwise.sources")
public interface SourcesConfig {

    /** How often the schedule looks for days to fetch (Quarkus duration); {@code off} disables it. */
    @WithDefault("1h")
    String every();

    /** Days fetched the first time a source runs (ending yesterday, UTC). */
    @WithDefault("28")
    int initialDays();

    /** Attempts per HTTP call before the run fails (connection errors, 429 and 5xx are retried). */
    @WithDefault("3")
    int attempts();

    /** Wait before the second attempt of a call, doubled for each further one (a Retry-After answer wins). */
    @WithDefault("2s")
    Duration retryBase();

    /** Wait after a failed run before the schedule tries again, doubled per failure in a row up to backoffMax. */
    @WithDefault("15m")
    Duration backoffBase();

    @WithDefault("6h")
    Duration backoffMax();

    /** How long a replica holds a source while it fetches (renewed per day); an expired lease can be taken. */
    @WithDefault("10m")
    Duration lease();

    /** Connect and response timeout of each call. */
    @WithDefault("30s")
    Duration httpTimeout();

    Github github();

    Anthropic anthropic();

    OpenAi openai();

    interface Github {

        /** TOKENWISE_GITHUB_TOKEN: reads the organisation's Copilot metrics (README says which scope). */
        Optional<String> token();

        /** TOKENWISE_GITHUB_ORG: the organisation's login. */
        Optional<String> org();

        /** TOKENWISE_GITHUB_API_URL. */
        @WithDefault("https://api.github.com")
        String apiUrl();

        /**
         * Hosts a report's download links may point at, besides the API's own host: GitHub's documented report
         * hosts by default; {@code *} stands for any run of letters, digits and '-' within one label. A link to any
         * other host is not followed, and the token is never sent to a download host.
         */
        @WithDefault("copilot-reports-*.b01.azurefd.net,usagereports*.blob.core.windows.net")
        List<String> reportHosts();
    }

    interface Anthropic {

        /** TOKENWISE_ANTHROPIC_ADMIN_KEY: an Admin API key (sk-ant-admin…). */
        Optional<String> adminKey();

        /** TOKENWISE_ANTHROPIC_API_URL. */
        @WithDefault("https://api.anthropic.com")
        String apiUrl();
    }

    interface OpenAi {

        /** TOKENWISE_OPENAI_ADMIN_KEY: an organisation admin key. */
        Optional<String> adminKey();

        /** TOKENWISE_OPENAI_API_URL. */
        @WithDefault("https://api.openai.com")
        String apiUrl();
    }
}
