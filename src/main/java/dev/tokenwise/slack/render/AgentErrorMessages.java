package dev.tokenwise.slack.render;

import java.util.ArrayList;
import java.util.List;

import dev.tokenwise.common.Figures;
import dev.tokenwise.scorecard.Scorecard;

/**
 * Agent reliability in words (docs/contract.md §7.6), the same line in the digest's Sustainability section and in
 * {@code /tokenwise spikes}: errors by class and how many of the agent sessions saw one. Counts of sessions and
 * errors only, for the team; never who.
 */
final class AgentErrorMessages {

    private AgentErrorMessages() {
    }

    /** The line, or null when no agent sent events in the period (reliability is only known from events). */
    static String line(Scorecard.AgentErrors e) {
        if (e == null || e.sessions() == 0 && e.errors() == 0) {
            return null;
        }
        if (e.errors() == 0) {
            return "Agent errors: none in " + sessions(e.sessions());
        }
        List<String> classes = new ArrayList<>();
        e.byClass().forEach((c, n) -> {
            if (n > 0) {
                classes.add(c.replace('_', ' ') + " " + n);
            }
        });
        String share = e.sessionsWithErrorsShare() == null ? ""
                : " · " + e.sessionsWithErrors() + " of " + sessions(e.sessions()) + " ("
                        + Figures.percent(e.sessionsWithErrorsShare()) + ") saw at least one";
        return "Agent errors: " + e.errors() + " (" + String.join(", ", classes) + ")" + share;
    }

    private static String sessions(int n) {
        return n == 1 ? "1 agent session" : n + " agent sessions";
    }
}
