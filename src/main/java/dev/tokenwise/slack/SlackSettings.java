package dev.tokenwise.slack;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Slack app's configuration (docs/contract.md §4). Secrets come only from the environment: SLACK_BOT_TOKEN,
 * SLACK_SIGNING_SECRET, SLACK_APP_TOKEN; SLACK_API_URL points every Web API call elsewhere (staging, tests).
 */
@ConfigMapping(prefix = "tokenwise.slack")
public interface SlackSettings {

    /** Bot token ({@code xoxb-…}). Unset = the console chat adapter: posts are logged and kept in the outbox. */
    Optional<String> botToken();

    /** Signing secret of the app. Unset = {@code POST /slack/events} refuses every request (503). */
    Optional<String> signingSecret();

    /** App-level token ({@code xapp-…}). Set = Socket Mode is started at start-up instead of relying on HTTP. */
    Optional<String> appToken();

    /** Base URL of the Slack Web API, with or without a trailing slash. */
    @WithDefault("https://slack.com/api/")
    String apiUrl();

    /** Comma-separated Slack user ids allowed to run admin subcommands (TOKENWISE_ADMINS). */
    Optional<String> admins();

    /**
     * How long a workspace admin/owner answer of {@code users.info} is trusted before it is asked again. Short, so
     * that a demoted admin loses the set-up form within minutes; long enough that a form, its submission and the
     * Home tab cost one call.
     */
    @WithDefault("5m")
    Duration adminCache();

    /**
     * How long a slash command may compute its answer before the request is acknowledged with "working on it"
     * and the answer follows through {@code response_url}. Slack gives up after 3 s, so keep a margin.
     */
    @WithDefault("2200ms")
    Duration answerBudget();

    /** Largest accepted distance between X-Slack-Request-Timestamp and our clock, in either direction. */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** Timeout of one Web API call (connect + read), well below the outbox claim lease. */
    @WithDefault("20s")
    Duration httpTimeout();

    default String methodsUrlPrefix() {
        String url = apiUrl().trim();
        return url.endsWith("/") ? url : url + "/";
    }

    default Set<String> adminIds() {
        return admins().map(a -> Arrays.stream(a.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    default boolean hasBotToken() {
        return botToken().filter(t -> !t.isBlank()).isPresent();
    }
}
