package dev.tokenwise.github;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** GitHub webhook settings ({@code tokenwise.github.*}). */
@ConfigMapping(prefix = "tokenwise.github")
public interface GitHubConfig {

    /**
     * The webhook's secret ({@code GITHUB_WEBHOOK_SECRET}), the key of the {@code X-Hub-Signature-256} HMAC.
     * Unset or blank: {@code POST /webhooks/github} refuses every delivery with 503.
     */
    Optional<String> webhookSecret();
}
