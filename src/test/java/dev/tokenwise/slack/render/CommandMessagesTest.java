package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;

/** What the {@code /tokenwise} dispatcher says, as exact output. */
class CommandMessagesTest {

    @Test
    void helpListsTheSubcommandsPeriodsAndPolicy() {
        String lines = CommandMessages.helpLine() + "\n" + CommandMessages.usageLine("budget [team]", "the budget");
        assertEquals("""
                *Tokenwise* answers about teams: what AI coding agents cost next to what the team delivers.
                • `/tokenwise help` — this list
                • `/tokenwise budget [team]` — the budget
                `team` defaults to the team of this channel. Periods: `this-week`, `7d` (in the team's time zone).
                _Tokenwise shows figures for teams, workflows, repositories and sessions — never for a person. \
                Tokens are telemetry and a cost line, not a personal score._""",
                CommandMessages.help(lines, List.of("this-week", "7d")));
    }

    @Test
    void problemsWithTheArgumentsRecallTheUsage() {
        assertEquals("I don't know a team called `alice`. Tokenwise answers about teams (and their workflows and "
                + "repositories) only — never about a person. Teams: `a`, `b`.\nUsage: `/tokenwise budget [team]`",
                CommandMessages.noSuchTeam("alice", CommandMessages.knownTeams(List.of("a", "b")), "budget [team]"));
        assertEquals("This channel is no team's channel, so name the team: `/tokenwise budget [team]`. No team is "
                + "configured yet.",
                CommandMessages.noTeamChannel("budget [team]", CommandMessages.knownTeams(
                        List.of())));
        assertEquals("I don't know the period `fortnight`. Periods: `this-week`, `7d` (in the team's time zone)."
                + "\nUsage: `/tokenwise cost-per-pr [team] [period]`",
                CommandMessages.unknownPeriod("fortnight",
                        List.of("this-week", "7d"), "cost-per-pr [team] [period]"));
        assertEquals("I don't know a team called `x`. An admin creates it with `PUT /api/admin/teams/x`.",
                CommandMessages.unknownTeam("x"));
    }

    @Test
    void paragraphsAreOneSectionEach() {
        SlackMessage m = CommandMessages.paragraphs(List.of("*One*", "two"));
        assertEquals("*One*\n\ntwo", m.text());
        assertEquals("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*One*\"}},{\"type\":"
                + "\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"two\"}}]", m.blocksJson());
    }

    @Test
    void theShareButtonReplaysTheQuestion() {
        Gson gson = GsonFactory.createSnakeCase();
        assertEquals("{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":{\"type\":\"plain_text\","
                + "\"text\":\"Share in channel\"},\"action_id\":\"tokenwise_share\",\"value\":\"budget payments\"}],"
                + "\"block_id\":\"tokenwise_share_block\"}",
                gson.toJson(CommandMessages.shareButton("tokenwise_share", "budget payments")));
    }
}
