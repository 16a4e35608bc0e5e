package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static dev.tokenwise.common.Figures.percent;
import static dev.tokenwise.common.Figures.usd;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;

import dev.tokenwise.alerts.Alert;
import dev.tokenwise.alerts.AlertFinding;
import dev.tokenwise.alerts.AlertSnoozeService;
import dev.tokenwise.budget.BudgetMath;
import dev.tokenwise.budget.BudgetStatus;
import dev.tokenwise.budget.SpendRepository;

/**
 * Alerts in words and Block Kit (docs/contract.md §9): the words of each kind of alert (recorded with it and
 * posted), the posted message with its snooze buttons, and the message that replaces it after a snooze.
 */
public final class AlertMessages {

    /** action_id of the "Snooze 1 day" button. */
    public static final String SNOOZE_1D = "tokenwise_snooze_1d";
    /** action_id of the "Snooze 1 week" button. */
    public static final String SNOOZE_1W = "tokenwise_snooze_1w";

    private static final String TEAM_SCOPE = "*";
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ROOT);

    private AlertMessages() {
    }

    /** An alert: its words and, when {@code snoozeValue} is given, the two snooze buttons. */
    public static SlackMessage alert(String text, String snoozeValue) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(text))));
        if (snoozeValue != null) {
            blocks.add(actions(a -> a.blockId("tokenwise_alert_actions").elements(List.of(
                    button(b -> b.actionId(SNOOZE_1D).text(plainText("Snooze 1 day")).value(snoozeValue)),
                    button(b -> b.actionId(SNOOZE_1W).text(plainText("Snooze 1 week")).value(snoozeValue))))));
        }
        return new SlackMessage(text, blocks);
    }

    /** The alert after a snooze: the same words, no buttons, and who snoozed it until when. */
    public static SlackMessage snoozed(AlertSnoozeService.SnoozeResult r) {
        String text = r.alertSummary() != null ? r.alertSummary()
                : "Tokenwise " + r.rule() + " alert for *" + r.teamId() + "* · " + r.subject();
        String note = ":zzz: Snoozed by <@" + r.snoozedBy() + "> until " + UNTIL.format(r.until().atZone(r.zone()))
                + " (" + r.zone().getId() + "): no " + r.rule() + " alerts for "
                + (TEAM_SCOPE.equals(r.subject()) ? "the team envelope" : r.subject()) + " until then.";
        List<ContextBlockElement> elements = List.of(markdownText(note));
        return new SlackMessage(text + "\n" + note, List.of(section(s -> s.text(markdownText(text))),
                context(c -> c.elements(elements))));
    }

    /** What the clicking user is told when a snooze is refused (a malformed button, an unknown team). */
    public static String snoozeRefused(String why) {
        return "I could not snooze this alert: " + why;
    }

    /** The words of an alert. */
    public static String summary(Alert alert) {
        AlertFinding f = alert.finding();
        if (f instanceof AlertFinding.BudgetReset r) {
            return reset(r);
        }
        if (f instanceof AlertFinding.BudgetThreshold t) {
            return threshold(t);
        }
        if (f instanceof AlertFinding.BudgetForecast fc) {
            return forecast(fc);
        }
        if (f instanceof AlertFinding.SpendSpike s) {
            return spike(s);
        }
        if (f instanceof AlertFinding.EstimateDrift d) {
            return drift(d);
        }
        return runaway((AlertFinding.RunawaySession) f);
    }

    /**
     * "…our estimate of Anthropic's and OpenAI's models for *payments* is 25 % above what they billed in 2027-11
     * (through 2027-11-09): $500.00 estimated, $400.00 billed; the limit is ±15 %."
     */
    static String drift(AlertFinding.EstimateDrift d) {
        double drift = d.billed().estimateDrift();
        return ":scales: Estimate drift — our estimate of the vendors' models for *" + d.teamId() + "* is "
                + percent(Math.abs(drift)) + (drift > 0 ? " above" : " below") + " what they billed in " + d.month()
                + " (through " + d.billed().billedThrough() + ", " + d.billed().billedDays() + " days): "
                + usd(d.billed().estimatedUsd().doubleValue()) + " estimated, "
                + usd(d.billed().billedUsd().doubleValue()) + " billed; the limit is ±" + percent(d.limit())
                + ". Check the price table (PUT /api/admin/prices) and that every agent sends its usage.";
    }

    static String reset(AlertFinding.BudgetReset r) {
        String what = r.lastMonth().entrySet().stream().map(e -> label(e.getKey()) + " reached "
                + (e.getValue().levelPct() > 0 ? e.getValue().levelPct() + " %" : "a forecast over 100 %"))
                .collect(Collectors.joining(", "));
        return ":calendar: New month: budget alerts for *" + r.teamId() + "* start over for " + r.month()
                + ". Last month " + what + ".";
    }

    static String threshold(AlertFinding.BudgetThreshold t) {
        BudgetStatus.Envelope env = t.envelope();
        return (t.level() >= 100 ? ":rotating_light:" : ":warning:") + " Budget — " + who(t.teamId(), t.scope())
                + " crossed " + BudgetMath.describe(t.crossed()) + " of its monthly envelope: "
                + usd(t.spentUsd()) + " of " + usd(env.monthlyUsd().doubleValue()) + " spent in "
                + t.month() + " (" + percent(env.usedRatio()) + "), "
                + (env.remainingUsd().signum() >= 0 ? usd(env.remainingUsd().doubleValue()) + " left."
                        : usd(-env.remainingUsd().doubleValue()) + " over.")
                + (env.forecastUsd() == null ? ""
                        : " Forecast for the month: " + usd(env.forecastUsd().doubleValue()) + ".");
    }

    static String forecast(AlertFinding.BudgetForecast f) {
        BudgetStatus.Envelope env = f.envelope();
        return ":crystal_ball: Budget forecast — " + who(f.teamId(), f.scope()) + ": at this pace " + f.month()
                + " ends at " + usd(env.forecastUsd().doubleValue()) + ", " + percent(env.forecastRatio())
                + " of the " + usd(env.monthlyUsd().doubleValue()) + " envelope (" + usd(f.spentUsd())
                + " spent after " + oneDecimal(f.elapsedDays()) + " of " + f.daysInMonth() + " days).";
    }

    static String spike(AlertFinding.SpendSpike s) {
        return ":chart_with_upwards_trend: Spend spike — *" + s.teamId() + "* · " + s.workflow() + ": "
                + usd(s.check().today()) + " today (since 00:00 " + s.zone() + "), against a usual day of "
                + usd(s.check().median()) + " (median of the previous " + s.historyDays()
                + " days; a spike is above " + usd(s.check().threshold()) + "). Models: " + shares(s.models())
                + ". Repositories: " + shares(s.repos()) + ". Sessions: " + shares(s.sessions()) + ".";
    }

    static String runaway(AlertFinding.RunawaySession r) {
        SpendRepository.SessionActivity s = r.session();
        // Note: a burn rate over less than a minute of activity would be meaningless, so it is left out.
        String burn = r.hours() >= 1 / 60d ? " (" + usd(s.costUsd() / r.hours()) + "/h)" : "";
        List<String> why = new ArrayList<>();
        if (r.overCost()) {
            why.add("over " + usd(r.limitUsd()));
        }
        if (r.overHours()) {
            why.add("over " + oneDecimal(r.limitHours()) + " h of activity");
        }
        SpendRepository.SessionMain main = r.main();
        return ":fire: Runaway session — *" + r.teamId() + "*: session `" + s.sessionId() + "` spent "
                + usd(s.costUsd()) + " over " + oneDecimal(r.hours()) + " h" + burn + " in the last 24 h, "
                + String.join(" and ", why) + ". Tool " + orNone(main.tool()) + " · model " + orNone(main.model())
                + " · repository " + orNone(main.repo()) + " · workflow " + orNone(main.workflow()) + ".";
    }

    private static String shares(List<SpendRepository.Share> shares) {
        if (shares.isEmpty()) {
            return "none recorded";
        }
        return shares.stream().map(s -> (s.name() == null || s.name().isEmpty() ? "(none)" : "`" + s.name() + "`")
                + " " + usd(s.costUsd())).collect(Collectors.joining(", "));
    }

    private static String label(String scope) {
        return TEAM_SCOPE.equals(scope) ? "the team envelope" : scope;
    }

    private static String who(String teamId, String scope) {
        return TEAM_SCOPE.equals(scope) ? "*" + teamId + "* (team envelope)" : "*" + teamId + "* · " + scope;
    }

    private static String oneDecimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String orNone(String v) {
        return v == null || v.isEmpty() ? "(none)" : "`" + v + "`";
    }
}
