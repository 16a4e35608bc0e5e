package dev.tokenwise.impact;

import static dev.tokenwise.impact.AttributionScenario.commit;
import static dev.tokenwise.impact.AttributionScenario.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.scorecard.ScorecardService;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The figures of a period only compared with (the week before in a digest, the period before in
 * {@code /tokenwise cost-per-pr}, a card on the App Home) are the scorecard's own, without the parts that read the AI
 * attribution: a cost of $4.50 of which $3 reached a PR through its session and $1 named a PR, so $0.50 is
 * unattributed in the scorecard and not given at all in the comparison.
 */
@QuarkusTest
class ComparedFiguresTest {

    private static final long AUG_11_0100 = 1_786_410_000L;

    @Inject
    ScorecardService scorecards;

    @Inject
    TeamService teams;

    @Test
    void theComparedFiguresAreTheScorecardsWithoutTheAttribution() {
        AttributionScenario s = new AttributionScenario("cmp-fig");
        String c = sha();
        s.push("feat", AUG_11_0100, commit(c, "Work", "2026-08-11T00:30:00Z"));
        s.codexEvents(c);
        for (int n = 1; n <= 6; n++) {
            s.merged(n, "dev" + n, "2026-08-11T02:00:00Z", "2026-08-11T0" + (2 + n) + ":00:00Z", sha(),
                    n == 1 ? "feat" : "b" + n, n == 1 ? c : sha(), "", "none");
        }
        TeamSettings team = teams.require(s.team);
        Period week = Period.weekOf(LocalDate.of(2026, 8, 10), team.zone());

        Scorecard card = scorecards.scorecard(team, week);
        Scorecard compared = scorecards.comparison(team, week);
        assertEquals(new BigDecimal("0.5000"), card.cost().unattributedUsd());
        assertFalse(compared.withheld());
        assertEquals(new BigDecimal("4.5000"), compared.cost().totalUsd());
        assertEquals(card.cost().byWorkflow(), compared.cost().byWorkflow());
        assertEquals(card.cost().byModel(), compared.cost().byModel());
        assertEquals(card.cost().inputTokens(), compared.cost().inputTokens());
        assertNull(compared.cost().unattributedUsd());
        assertEquals(card.delivery().withAiAssistedShare(null), compared.delivery());
        assertEquals(6, compared.delivery().mergedPrs());
        assertEquals(new BigDecimal("0.7500"), compared.delivery().costPerMergedPrUsd());
        assertEquals(card.quality(), compared.quality());
        assertNull(compared.aiImpact());
        assertNull(compared.routing());
        assertNull(compared.agentErrors());

        ScorecardService.Headline headline = scorecards.headline(team, week);
        ScorecardService.Headline totals = scorecards.headlineTotals(team, week);
        assertEquals(new BigDecimal("0.5000"), headline.cost().unattributedUsd());
        assertNull(totals.cost().unattributedUsd());
        assertEquals(headline.cost().withUnattributed(null), totals.cost());
        assertEquals(6, totals.mergedPrs());
        assertEquals(new BigDecimal("0.7500"), totals.costPerMergedPrUsd());
    }
}
