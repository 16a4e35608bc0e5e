package dev.tokenwise.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.tokenwise.settings.GlobalSettings;

/**
 * The default AI markers and bot accounts (docs/contract.md §6.2) on the texts Claude Code and the other agents
 * write (/work/shared/fixtures/github/SOURCES.md §6 and the README's bot table), and the PR body facts.
 */
class AiMarkersTest {

    static final AiMarkers.Detector DEFAULTS = AiMarkers.compile(GlobalSettings.defaults());

    static String agent(String text) {
        return DEFAULTS.agentIn(text);
    }

    @Test
    void defaultTrailersAndFooterNameTheirAgent() {
        assertEquals("claude", agent("Add parser\n\nCo-Authored-By: Claude <noreply@anthropic.com>"));
        assertEquals("claude", agent("Add parser\n\nco-authored-by: claude <noreply@anthropic.com>\n"));
        assertEquals("claude", agent("x\n\nCo-authored-by: Assistant <noreply@anthropic.com>"));
        assertEquals("claude", agent("x\n\n🤖 Generated with [Claude Code](https://claude.ai/code)"));
        assertEquals("claude", agent("x\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n"));
        assertEquals("claude", agent("x\n\nGenerated with Claude Code"));
        assertEquals("copilot",
                agent("x\n\nCo-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>"));
        assertEquals("cursor", agent("x\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>"));
        assertEquals("codex", agent("x\n\nCo-authored-by: Codex <codex@openai.com>"));
        assertEquals("gemini", agent("x\n\nCo-authored-by: Gemini <gemini@google.com>"));
        assertEquals("devin",
                agent("x\n\nCo-Authored-By: Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>"));
        assertEquals("aider", agent("x\n\nCo-authored-by: aider (gpt-4o) <noreply@aider.chat>"));
        assertEquals("windsurf", agent("x\n\n  Co-authored-by: Windsurf <windsurf@codeium.com>"));
    }

    @Test
    void otherTextIsNoMarker() {
        assertNull(agent("Ask Claude to review the Copilot settings"));
        assertNull(agent("x\n\nCo-authored-by: Jane Doe <jane@example.com>"));
        assertNull(agent("x\n\nSee the note: Co-authored-by: Claude <noreply@anthropic.com>"));
        assertNull(agent("Generated with Claude"));
        assertNull(agent(""));
        assertNull(agent(null));
    }

    @Test
    void botAccountsNameTheirAgentCaseInsensitively() {
        assertEquals("copilot", DEFAULTS.botAgent("Copilot"));
        assertEquals("copilot", DEFAULTS.botAgent("copilot-swe-agent[bot]"));
        assertEquals("codex", DEFAULTS.botAgent("chatgpt-codex-connector[bot]"));
        assertEquals("devin", DEFAULTS.botAgent("Devin-AI-Integration[bot]"));
        assertEquals("cursor", DEFAULTS.botAgent("cursor[bot]"));
        assertEquals("claude", DEFAULTS.botAgent("claude[bot]"));
        assertEquals("jules", DEFAULTS.botAgent("google-labs-jules[bot]"));
        assertNull(DEFAULTS.botAgent("dependabot[bot]"));
        assertNull(DEFAULTS.botAgent("octocat"));
        assertNull(DEFAULTS.botAgent(null));
    }

    @Test
    void aPatternThatBacktracksWithoutEndGivesUpAndTheNextOneStillMatches() {
        GlobalSettings custom = GlobalSettings.defaults().merge(new GlobalSettings(null, null, null, null, null, null,
                null, null, null, List.of("^(a+)+$", "made by robot"), null, null, null, null, null, null, null));
        AiMarkers.Detector d = AiMarkers.compile(custom);
        String hostile = "a".repeat(40) + "b";
        assertNull(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> d.agentIn(hostile)));
        assertEquals("other", assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> d.agentIn(hostile + "\nmade by robot")));
    }

    @Test
    void defaultsStayLinearOnManyBlankLines() {
        String text = "\n".repeat(300_000) + "Co-authored-by: Claude <noreply@anthropic.com>";
        assertEquals("claude", assertTimeoutPreemptively(Duration.ofSeconds(10), () -> agent(text)));
        assertEquals(List.of(7), assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> PrBody.of(" \n".repeat(300_000) + "fixes #7").closes()));
    }

    @Test
    void prBodyFacts() {
        assertEquals(new PrBody(List.of(12, 13), null, null), PrBody.of("Fixes #12, closes #13"));
        assertEquals(new PrBody(List.of(5, 6, 9), null, null),
                PrBody.of("FIXED #9\nresolved: #6 and close #5; fixes #9 again"));
        assertEquals(PrBody.EMPTY, PrBody.of("See #12, prefix#7, fixes #0, fixes #12345678901, fixes#3"));
        assertEquals(new PrBody(List.of(), "acme/api", 7), PrBody.of("Reverts acme/api#7"));
        assertEquals(new PrBody(List.of(3), "acme/api", 7), PrBody.of("Reverts Acme/API#7\n\nFixes #3"));
        assertEquals(PrBody.EMPTY, PrBody.of("This reverts acme/api#7"));
        assertEquals(PrBody.EMPTY, PrBody.of(null));
        String sixty = IntStream.rangeClosed(1, 60).mapToObj(i -> "fixes #" + i).collect(Collectors.joining("\n"));
        assertEquals(IntStream.rangeClosed(1, 50).boxed().toList(), PrBody.of(sixty).closes());
    }
}
