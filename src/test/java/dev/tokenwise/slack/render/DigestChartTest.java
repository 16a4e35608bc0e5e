package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.tokenwise.chat.ChatFile;
import dev.tokenwise.digest.DigestInput;
import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.ScorecardService.WeekFigures;

/** The digest's chart as a picture and as words: size, content, withheld weeks, and the alt text's figures. */
class DigestChartTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final LocalDate FIRST = LocalDate.of(2026, 8, 24);

    private static WeekFigures week(int i, String cost, int merged, String perPr, Map<String, BigDecimal> byWorkflow) {
        Period p = new Period(FIRST.plusWeeks(i), FIRST.plusWeeks(i + 1), ZONE);
        return new WeekFigures(p, null, new BigDecimal(cost), merged, perPr == null ? null : new BigDecimal(perPr),
                byWorkflow);
    }

    private static WeekFigures withheld(int i) {
        return new WeekFigures(new Period(FIRST.plusWeeks(i), FIRST.plusWeeks(i + 1), ZONE), "few", null, null, null,
                null);
    }

    private static Map<String, BigDecimal> spend(String coding, String docs) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        m.put("coding", new BigDecimal(coding));
        m.put("docs", new BigDecimal(docs));
        return m;
    }

    private static List<WeekFigures> twelveWeeks() {
        List<WeekFigures> weeks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            if (i == 3) {
                weeks.add(withheld(i));
            } else if (i == 5) {
                weeks.add(week(i, "12.5000", 0, null, spend("12.5000", "0.0000")));
            } else {
                weeks.add(week(i, "100.0000", 4, "25.0000", spend("80.0000", "20.0000")));
            }
        }
        return weeks;
    }

    @Test
    void rendersAPngOfTheDocumentedSizeWithTheWeeksAndTheirGaps() throws IOException {
        DigestInput in = new DigestInput("payments", "C0PAY", null, null, false, null, 3, null, twelveWeeks());
        ChatFile file = DigestChart.render(in, "digest:payments:2026-11-09");
        assertEquals("digest-payments-2026-11-09.png", file.filename());
        assertEquals("Weekly digest chart · payments · 12 weeks to 15 Nov 2026", file.title());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(file.content()));
        assertEquals(DigestChart.WIDTH, img.getWidth());
        assertEquals(DigestChart.HEIGHT, img.getHeight());
        assertTrue(file.content().length > 10_000, "a real picture, not an empty canvas: " + file.content().length);
        // Not a blank image: more than a handful of distinct colours (bars, line, text).
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 7) {
            for (int y = 0; y < img.getHeight(); y += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "colours: " + colours.size());
    }

    @Test
    void theAltTextStatesEveryWeeksFiguresAndTheSpendByWorkflow() {
        String alt = DigestChart.altText("payments", twelveWeeks());
        assertEquals("Chart of team payments, weeks of 24 Aug – 15 Nov 2026: cost, merged PRs and cost per merged PR "
                + "by week. 24 Aug $100.00, 4 PRs, $25.00/PR; 31 Aug $100.00, 4 PRs, $25.00/PR; 7 Sep $100.00, 4 PRs, "
                + "$25.00/PR; 14 Sep withheld; 21 Sep $100.00, 4 PRs, $25.00/PR; 28 Sep $12.50, 0 PRs; 5 Oct $100.00, "
                + "4 PRs, $25.00/PR; 12 Oct $100.00, 4 PRs, $25.00/PR; 19 Oct $100.00, 4 PRs, $25.00/PR; 26 Oct "
                + "$100.00, 4 PRs, $25.00/PR; 2 Nov $100.00, 4 PRs, $25.00/PR; 9 Nov $100.00, 4 PRs, $25.00/PR. "
                + "Spend by workflow: coding $812.50, docs $200.00.", alt);
        assertTrue(alt.length() <= DigestChart.MAX_ALT);
    }

    @Test
    void onlyWeeksWithSpendOrMergedPrsCallForAChart() {
        assertTrue(DigestChart.hasFigures(twelveWeeks()));
        List<WeekFigures> empty = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            empty.add(i % 2 == 0 ? withheld(i) : week(i, "0.0000", 0, null, Map.of()));
        }
        org.junit.jupiter.api.Assertions.assertFalse(DigestChart.hasFigures(empty));
        org.junit.jupiter.api.Assertions.assertFalse(DigestChart.hasFigures(null));
    }

    @Test
    void aTeamWithoutSpendStillGetsAChart() throws IOException {
        List<WeekFigures> weeks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            weeks.add(i % 2 == 0 ? withheld(i) : week(i, "0.0000", 0, null, Map.of()));
        }
        ChatFile file = DigestChart.render(new DigestInput("quiet", "C0Q", null, null, false, null, 3, null, weeks),
                "digest:quiet:2026-11-09");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(file.content()));
        assertEquals(DigestChart.WIDTH, img.getWidth());
        assertTrue(file.altText().endsWith("No spend."), file.altText());
    }
}
