package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.slack.api.util.json.GsonFactory;

/** The App Home tab, as exact output. */
class HomeViewTest {

    @Test
    void withoutTeamsTheHomeTabSaysWhatTokenwiseDoesItsCommandsAndThePolicy() {
        assertEquals("{\"type\":\"home\",\"blocks\":[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\","
                + "\"text\":\"Tokenwise\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"What your "
                + "AI coding agents *cost*, next to what your team *delivers*. Weekly digests and alerts arrive in "
                + "your team\\u0027s channel.\"}},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                + "\"None of your channels belongs to a team yet. Teams show here once you are in their channel.\"}},"
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                + "\"*Commands*\\n• `/tokenwise help` — this list\"}},{\"type\":\"context\",\"elements\":[{\"type\":"
                + "\"mrkdwn\",\"text\":\"Tokenwise shows figures for teams, workflows, repositories and sessions — "
                + "never for a person. Tokens are telemetry and a cost line, not a personal score.\"}]}]}",
                GsonFactory.createSnakeCase()
                        .toJson(HomeView.home("• `/tokenwise help` — this list", List.of(), 0, false)));
    }
}
