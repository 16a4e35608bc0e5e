package dev.tokenwise.slack.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

import dev.tokenwise.chat.ChatFile;
import dev.tokenwise.common.Figures;
import dev.tokenwise.common.Money;
import dev.tokenwise.digest.DigestFormat;
import dev.tokenwise.digest.DigestInput;
import dev.tokenwise.scorecard.ScorecardService.WeekFigures;

/**
 * The digest's chart (docs/contract.md §9.8): the last 12 weeks of merged PRs (bars) and cost per merged PR (line)
 * above the spend by workflow (stacked bars), one PNG rendered headless with JFreeChart. Sized and lettered to stay
 * legible when Slack shows it at preview size (about 360 px high). A week withheld for privacy is a gap (no value,
 * never 0) marked with an asterisk. The alt text states every figure the picture shows.
 */
public final class DigestChart {

    /**
     * 1000 × 750: at Slack's preview height the letters are as large as in a bigger picture with larger letters, and on
     * a 2× display the preview still has a pixel per point; a third fewer pixels than 1200 × 900 to draw and encode.
     */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 750;
    /** Slack's limit on a file's alt text. */
    static final int MAX_ALT = 1000;

    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    /** Merged PRs in neutral grey and cost per PR in near-black, so neither is read as a workflow's colour. */
    private static final Color PR_BARS = new Color(0xB8B8B8);
    private static final Color PER_PR_LINE = new Color(0x222222);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 28);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
    /** Colour-blind-safe (Okabe–Ito), in the order workflows are stacked. */
    private static final Color[] PALETTE = { new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x999999) };

    private DigestChart() {
    }

    /** The chart of a digest that has weeks; its file name is the outbox key's, made safe for a file system. */
    public static ChatFile render(DigestInput in, String dedupKey) {
        List<WeekFigures> weeks = in.weeks();
        String title = in.team() + " · " + weeks.size() + " weeks to "
                + DAY_YEAR.format(weeks.get(weeks.size() - 1).period().to().minusDays(1));
        return new ChatFile(fileName(dedupKey), DigestFormat.truncate("Weekly digest chart · " + title, 250),
                altText(in.team(), weeks), png(title, weeks));
    }

    /**
     * True when there is something to draw: a week shown (not withheld) with spend or a merged PR. A team with twelve
     * empty weeks gets its digest without a chart.
     */
    public static boolean hasFigures(List<WeekFigures> weeks) {
        return weeks != null && weeks.stream().anyMatch(w -> !w.withheld()
                && (w.costUsd().signum() > 0 || w.mergedPrs() > 0));
    }

    /** {@code digest:payments:2026-11-16} → {@code digest-payments-2026-11-16.png}. */
    public static String fileName(String dedupKey) {
        return dedupKey.replaceAll("[^A-Za-z0-9_.-]", "-") + ".png";
    }

    /** What the chart shows, week by week, then the spend by workflow over all the weeks shown. */
    public static String altText(String team, List<WeekFigures> weeks) {
        StringBuilder alt = new StringBuilder("Chart of team " + team + ", weeks of "
                + DigestFormat.days(weeks.get(0).period().from(), weeks.get(weeks.size() - 1).period().to())
                + ": cost, merged PRs and cost per merged PR by week. ");
        Map<String, BigDecimal> spend = new TreeMap<>();
        List<String> parts = new ArrayList<>();
        for (WeekFigures w : weeks) {
            String day = WEEK.format(w.period().from());
            if (w.withheld()) {
                parts.add(day + " withheld");
                continue;
            }
            parts.add(day + " " + Figures.usd(w.costUsd()) + ", " + w.mergedPrs() + " PRs"
                    + (w.costPerMergedPrUsd() == null ? "" : ", " + Figures.usd(w.costPerMergedPrUsd()) + "/PR"));
            w.byWorkflow().forEach((k, v) -> spend.merge(k, v, BigDecimal::add));
        }
        alt.append(String.join("; ", parts)).append(". ");
        List<String> workflows = Money.parts(spend, 2).entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .sorted(Map.Entry.<String, BigDecimal> comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + Figures.usd(e.getValue())).toList();
        alt.append(workflows.isEmpty() ? "No spend." : "Spend by workflow: " + String.join(", ", workflows) + ".");
        return DigestFormat.truncate(alt.toString(), MAX_ALT);
    }

    static byte[] png(String title, List<WeekFigures> weeks) {
        DefaultCategoryDataset merged = new DefaultCategoryDataset();
        DefaultCategoryDataset perPr = new DefaultCategoryDataset();
        DefaultCategoryDataset spend = new DefaultCategoryDataset();
        List<String> workflows = new ArrayList<>();
        weeks.stream().filter(w -> !w.withheld()).forEach(w -> w.byWorkflow().forEach((k, v) -> {
            if (v.signum() > 0 && !workflows.contains(k)) {
                workflows.add(k);
            }
        }));
        workflows.sort(null);
        boolean anyWithheld = false;
        for (WeekFigures w : weeks) {
            String label = WEEK.format(w.period().from()) + (w.withheld() ? "*" : "");
            anyWithheld |= w.withheld();
            // A withheld week has no values: a gap in every series, never a zero.
            merged.addValue(w.withheld() ? null : w.mergedPrs(), "Merged PRs", label);
            perPr.addValue(w.withheld() ? null : w.costPerMergedPrUsd(), "Cost per merged PR ($)", label);
            for (String k : workflows) {
                BigDecimal v = w.withheld() ? null : w.byWorkflow().get(k);
                spend.addValue(v == null ? null : v, k, label);
            }
        }
        if (workflows.isEmpty()) {
            // Keep the lower plot's axis meaningful for a team without spend.
            weeks.forEach(w -> spend.addValue(null, "spend", WEEK.format(w.period().from()) + (w.withheld() ? "*"
                    : "")));
        }

        CategoryPlot top = new CategoryPlot(merged, null, axis("Merged PRs", true), bars());
        top.setDataset(1, perPr);
        top.setRangeAxis(1, axis("$ per merged PR", false));
        top.mapDatasetToRangeAxis(1, 1);
        LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, PER_PR_LINE);
        line.setSeriesStroke(0, new BasicStroke(3.5f));
        top.setRenderer(1, line);
        top.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        StackedBarRenderer stacked = new StackedBarRenderer();
        stacked.setBarPainter(new StandardBarPainter());
        stacked.setShadowVisible(false);
        for (int i = 0; i < workflows.size(); i++) {
            stacked.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        CategoryPlot bottom = new CategoryPlot(spend, null, axis("Spend by workflow ($)", false), stacked);

        CategoryAxis domain = new CategoryAxis();
        domain.setTickLabelFont(TICK);
        domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(domain);
        plot.setGap(20);
        plot.add(top, 1);
        plot.add(bottom, 1);
        for (CategoryPlot p : List.of(top, bottom)) {
            p.setBackgroundPaint(Color.WHITE);
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
            p.setOutlineVisible(false);
        }

        JFreeChart chart = new JFreeChart(null, TITLE, plot, true);
        chart.setTitle(new TextTitle(title, TITLE));
        if (anyWithheld) {
            chart.addSubtitle(new TextTitle("* withheld for privacy: too few people contributed", SUBTITLE));
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.setRenderingHints(new RenderingHints(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON));
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(LABEL);
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        // Note: an opaque RGB image (no alpha channel to draw and encode): a quarter less work than the ARGB default.
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        } finally {
            g.dispose();
        }
        return PngEncoder.encode(image);
    }

    private static BarRenderer bars() {
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, PR_BARS);
        r.setMaximumBarWidth(0.06);
        return r;
    }

    private static NumberAxis axis(String label, boolean integers) {
        NumberAxis a = new NumberAxis(label);
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        if (integers) {
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        return a;
    }
}
