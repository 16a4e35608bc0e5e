package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.util.ArrayList;
import java.util.List;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;

import dev.tokenwise.alerts.AlertRepository.RaisedAlert;
import dev.tokenwise.budget.BudgetStatus;
import dev.tokenwise.common.Figures;
import dev.tokenwise.scorecard.ScorecardService.Headline;
import dev.tokenwise.team.TeamSettings;

/**
 * The App Home tab (docs/contract.md §4.1): per team the viewer can see, this week so far (cost, merged PRs, cost
 * per merged PR), the month's budget used and forecast, and the open alerts, with a "Set up" button for admins;
 * then the commands and the team-level policy. Team figures only. A Home tab holds at most {@link #MAX_BLOCKS}
 * blocks: teams that do not fit are left out and the tab says how many and how to ask about them.
 */
public final class HomeView {

    /** Slack's limit of blocks in a Home tab (and a modal). */
    public static final int MAX_BLOCKS = 100;
    /** The blocks around the teams: header, intro, the teams' heading, truncation note, commands, policy. */
    private static final int FRAME_BLOCKS = 6;
    private static final int ALERT_TEXT = 150;

    /** One team as the viewer sees it; {@code week} and {@code budget} as the commands compute them. */
    public record TeamCard(TeamSettings team, Headline week, BudgetStatus budget, List<RaisedAlert> openAlerts) {
    }

    private HomeView() {
    }

    /** How many teams fit in one Home tab, with ({@code admin}) or without a "Set up" button each. */
    public static int teamsThatFit(boolean admin) {
        return (MAX_BLOCKS - FRAME_BLOCKS) / blocksPerTeam(admin);
    }

    private static int blocksPerTeam(boolean admin) {
        return admin ? 4 : 3;
    }

    /**
     * @param usageLines one line per {@code /tokenwise} subcommand, as {@code /tokenwise help} lists them
     * @param cards the teams shown, at most {@link #teamsThatFit}
     * @param hidden how many more teams the viewer could see but that do not fit
     * @param admin the viewer may set teams up: a "Set up" button per team
     */
    public static View home(String usageLines, List<TeamCard> cards, int hidden, boolean admin) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Tokenwise"))));
        blocks.add(section(s -> s.text(markdownText("What your AI coding agents *cost*, next to what your team "
                + "*delivers*. Weekly digests and alerts arrive in your team's channel."))));
        if (cards.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(admin
                    ? "No team is set up yet. Invite me to a team's channel, or type `/tokenwise admin` there."
                    : "None of your channels belongs to a team yet. Teams show here once you are in their "
                            + "channel."))));
        } else {
            blocks.add(header(h -> h.text(plainText(admin ? "All teams" : "Your teams"))));
        }
        for (TeamCard c : cards) {
            blocks.add(section(s -> s.text(markdownText(figures(c)))));
            blocks.add(context(x -> x.elements(List.of(markdownText(alerts(c.openAlerts()))))));
            if (admin) {
                blocks.add(SetupMessages.setUpButton("Set up " + c.team().id(), c.team().id()));
            }
            blocks.add(divider());
        }
        if (hidden > 0) {
            blocks.add(context(x -> x.elements(List.of(markdownText(hidden + (hidden == 1 ? " more team is" : " more teams are")
                    + " not shown (a Home tab holds " + MAX_BLOCKS + " blocks): ask in Slack "
                    + "with `/tokenwise cost-per-pr <team>` or `/tokenwise budget <team>`.")))));
        }
        blocks.add(section(s -> s.text(markdownText("*Commands*\n" + usageLines))));
        blocks.add(context(c -> c.elements(List.of(markdownText(CommandMessages.POLICY)))));
        return View.builder().type("home").blocks(blocks).build();
    }

    /** The team's line: this week so far, then the month's budget. */
    static String figures(TeamCard c) {
        TeamSettings t = c.team();
        String head = "*" + t.id() + "*" + (t.channel() == null ? "" : " · <#" + t.channel() + ">");
        Headline w = c.week();
        String week;
        if (w.withheld()) {
            week = "_" + w.withheldReason() + "_";
        } else {
            week = Figures.usd(w.cost().totalUsd()) + " spent · " + w.mergedPrs() + (w.mergedPrs() == 1
                    ? " merged PR"
                    : " merged PRs") + " · cost per merged PR "
                    + (w.costPerMergedPrUsd() == null ? Figures.NA : Figures.usd(w.costPerMergedPrUsd()));
        }
        return head + "\n*This week so far:* " + week + "\n*Budget " + c.budget().month() + ":* "
                + BudgetMessages.line(c.budget().total());
    }

    static String alerts(List<RaisedAlert> open) {
        if (open.isEmpty()) {
            return "No open alerts.";
        }
        String first = open.get(0).summary().lines().findFirst().orElse("").replace("*", "");
        if (first.length() > ALERT_TEXT) {
            first = first.substring(0, ALERT_TEXT - 1) + "…";
        }
        return ":rotating_light: " + open.size() + (open.size() == 1 ? " open alert" : " open alerts")
                + ". Latest: " + first;
    }
}
