package dev.tokenwise.gitlab;

import java.util.List;

import dev.tokenwise.github.GitHubPayload;

/** GitLab labels ({@code title}) as the labels GitHub's merge takes ({@code name}). */
final class GitLabLabels {

    private GitLabLabels() {
    }

    static List<GitHubPayload.Label> of(List<GitLabPayload.Label> labels) {
        return labels == null ? null
                : labels.stream().filter(l -> l != null).map(l -> new GitHubPayload.Label(l.title())).toList();
    }
}
