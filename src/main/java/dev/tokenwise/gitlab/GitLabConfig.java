package dev.tokenwise.gitlab;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** GitLab webhook settings ({@code tokenwise.gitlab.*}). */
@ConfigMapping(prefix = "tokenwise.gitlab")
public interface GitLabConfig {

    /**
     * The webhook's secret token ({@code GITLAB_WEBHOOK_SECRET}), which GitLab sends as {@code X-Gitlab-Token}.
     * Unset or blank: {@code POST /webhooks/gitlab} refuses every delivery with 503.
     */
    Optional<String> webhookSecret();
}
