package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionGroupObject;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.ConversationsFilter;
import com.slack.api.model.block.element.ConversationsSelectElement;
import com.slack.api.model.block.element.NumberInputElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.block.element.TimePickerElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;

import dev.tokenwise.common.Workflow;
import dev.tokenwise.team.TeamSettings;

/**
 * The set-up form of a team (docs/contract.md §4.1), as a Slack modal: one input block per setting, with Block
 * Kit's own pickers, opened with the team's current values. The block ids below are what a submission's
 * {@code view.state.values} and its inline errors are keyed by; every input has the action id {@link #VALUE}.
 * The form shows settings, never a figure.
 */
public final class TeamSetupView {

    public static final String CALLBACK_ID = "tokenwise_team_setup";
    public static final String VALUE = "value";
    public static final String TEAM = "team";
    public static final String CHANNEL = "channel";
    public static final String ALERT_CHANNEL = "alert_channel";
    public static final String TIMEZONE = "timezone";
    public static final String DIGEST_DAY = "digest_day";
    public static final String DIGEST_TIME = "digest_time";
    public static final String WORK_START = "work_start";
    public static final String WORK_END = "work_end";
    public static final String MONTHLY_BUDGET = "monthly_budget";
    /** Followed by the workflow id, e.g. {@code workflow_budget_coding}. */
    public static final String WORKFLOW_BUDGET = "workflow_budget_";
    public static final String MIN_CONTRIBUTORS = "min_contributors";
    public static final String REPOS = "repos";
    public static final String PULSE = "pulse";
    /** The longest text a plain_text_input holds; a team whose repositories need more keeps them out of the form. */
    public static final int REPOS_MAX_CHARS = 3000;

    /** Static selects hold at most 100 options per group (and 100 groups). */
    private static final int GROUP_SIZE = 100;
    private static final List<String> REGIONS = List.of("Africa", "America", "Antarctica", "Asia", "Atlantic",
            "Australia", "Europe", "Indian", "Pacific");

    private TeamSetupView() {
    }

    /**
     * @param team the team's current settings (for a new team: the defaults, its suggested id and channel)
     * @param isNew true when the team does not exist yet: its id is asked for; an existing team's id is shown
     * @param privateMetadata what the submission needs to know (the team, where the form was opened)
     */
    public static View modal(TeamSettings team, boolean isNew, String privateMetadata) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (isNew) {
            blocks.add(input(i -> i.blockId(TEAM).label(plainText("Team id"))
                    .hint(plainText("Lower-case letters, digits and '-', e.g. payments. Commands name the team by it."))
                    .element(PlainTextInputElement.builder().actionId(VALUE).maxLength(64)
                            .initialValue(team.id().isEmpty() ? null : team.id()).build())));
        } else {
            blocks.add(section(s -> s.text(markdownText("Team *" + team.id() + "*"))));
        }
        blocks.add(input(i -> i.blockId(CHANNEL).label(plainText("Digest channel"))
                .hint(plainText("The weekly digest goes here; alerts too unless an alert channel is set."))
                .element(conversations(team.channel()))));
        blocks.add(input(i -> i.blockId(ALERT_CHANNEL).label(plainText("Alert channel")).optional(true)
                .element(conversations(team.alertChannel()))));
        blocks.add(input(i -> i.blockId(TIMEZONE).label(plainText("Time zone"))
                .element(StaticSelectElement.builder().actionId(VALUE).optionGroups(zoneGroups(team.timezone()))
                        .initialOption(zone(team.timezone())).build())));
        blocks.add(input(i -> i.blockId(DIGEST_DAY).label(plainText("Digest day"))
                .element(StaticSelectElement.builder().actionId(VALUE).options(days())
                        .initialOption(day(DayOfWeek.valueOf(team.digestDay()))).build())));
        blocks.add(time(DIGEST_TIME, "Digest time", team.digestTime()));
        blocks.add(time(WORK_START, "Working hours start", team.workingHours().substring(0, 5)));
        blocks.add(time(WORK_END, "Working hours end", team.workingHours().substring(6)));
        blocks.add(budget(MONTHLY_BUDGET, "Monthly budget (USD)", team.monthlyBudgetUsd(),
                "Empty: no envelope. Alerts at 50 %, 80 % and 100 %."));
        Map<String, BigDecimal> budgets = team.workflowBudgetsUsd();
        for (Workflow w : Workflow.values()) {
            blocks.add(budget(WORKFLOW_BUDGET + w.id(), "Monthly budget of " + w.id() + " (USD)",
                    budgets.get(w.id()), null));
        }
        blocks.add(input(i -> i.blockId(MIN_CONTRIBUTORS).label(plainText("Minimum contributors"))
                .hint(plainText("Figures of a period with fewer people are withheld. At least 3 from Slack."))
                .element(NumberInputElement.builder().actionId(VALUE).decimalAllowed(false)
                        .initialValue(Integer.toString(team.minContributors())).build())));
        String repos = String.join("\n", team.repos() == null ? List.of() : team.repos());
        if (repos.length() <= REPOS_MAX_CHARS) {
            blocks.add(input(i -> i.blockId(REPOS).label(plainText("Repositories")).optional(true)
                    .hint(plainText("One per line: owner/name (GitHub) or group/subgroup/name (GitLab)."))
                    .element(PlainTextInputElement.builder().actionId(VALUE).multiline(true)
                            .maxLength(REPOS_MAX_CHARS).initialValue(repos.isEmpty() ? null : repos).build())));
        } else {
            blocks.add(context(c -> c.elements(List.of(markdownText("This team has " + team.repos().size()
                    + " repositories, more than this form can hold; they stay as they are (change them with "
                    + "`PUT /api/admin/repos/{path}`).")))));
        }
        OptionObject pulseOn = option(plainText("Ask the team's weekly pulse questions"), "on");
        blocks.add(input(i -> i.blockId(PULSE).label(plainText("Team pulse")).optional(true)
                .hint(plainText("Two anonymous 1–5 questions once a week; only counts are kept."))
                .element(CheckboxesElement.builder().actionId(VALUE).options(List.of(pulseOn))
                        .initialOptions(team.pulse() ? List.of(pulseOn) : null).build())));
        return View.builder().type("modal").callbackId(CALLBACK_ID).privateMetadata(privateMetadata)
                .title(title(isNew ? "Set up a team" : "Team " + shorten(team.id(), 19)))
                .submit(ViewSubmit.builder().type("plain_text").text("Save").build())
                .close(close("Cancel")).blocks(blocks).build();
    }

    /** A notice in a modal (e.g. why the form cannot open for this user). */
    public static View notice(String title, String markdown) {
        return View.builder().type("modal").title(title(shorten(title, 24))).close(close("Close"))
                .blocks(List.of(section(s -> s.text(markdownText(markdown))))).build();
    }

    private static ViewTitle title(String text) {
        return ViewTitle.builder().type("plain_text").text(text).build();
    }

    private static ViewClose close(String text) {
        return ViewClose.builder().type("plain_text").text(text).build();
    }

    private static LayoutBlock time(String blockId, String label, String initial) {
        return input(i -> i.blockId(blockId).label(plainText(label))
                .element(TimePickerElement.builder().actionId(VALUE).initialTime(initial).build()));
    }

    private static LayoutBlock budget(String blockId, String label, BigDecimal initial, String hint) {
        return input(i -> i.blockId(blockId).label(plainText(label)).optional(true)
                .hint(hint == null ? null : plainText(hint))
                .element(NumberInputElement.builder().actionId(VALUE).decimalAllowed(true).minValue("0")
                        .initialValue(initial == null ? null : initial.stripTrailingZeros().toPlainString()).build()));
    }

    private static BlockElement conversations(String initial) {
        return ConversationsSelectElement.builder().actionId(VALUE).initialConversation(initial)
                .filter(ConversationsFilter.builder().include(List.of("public", "private"))
                        .excludeBotUsers(true).build())
                .build();
    }

    private static List<OptionObject> days() {
        List<OptionObject> out = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            out.add(day(d));
        }
        return out;
    }

    private static OptionObject day(DayOfWeek d) {
        return option(plainText(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)), d.name());
    }

    private static OptionObject zone(String id) {
        return option(plainText(id), id);
    }

    /**
     * The region zones (Europe/Berlin, America/New_York, …) and UTC, grouped by region in groups of at most 100,
     * plus the team's zone when it is none of them (an offset or an alias set through the admin API).
     */
    static List<OptionGroupObject> zoneGroups(String current) {
        Map<String, TreeSet<String>> byRegion = new TreeMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            String region = id.contains("/") ? id.substring(0, id.indexOf('/')) : "";
            if (REGIONS.contains(region)) {
                byRegion.computeIfAbsent(region, k -> new TreeSet<>()).add(id);
            }
        }
        List<OptionGroupObject> groups = new ArrayList<>();
        boolean listed = "UTC".equals(current) || byRegion.values().stream().anyMatch(z -> z.contains(current));
        List<OptionObject> first = new ArrayList<>(List.of(zone("UTC")));
        if (!listed) {
            first.add(zone(current));
        }
        groups.add(OptionGroupObject.builder().label(plainText("UTC")).options(first).build());
        byRegion.forEach((region, zones) -> {
            List<String> all = List.copyOf(zones);
            int parts = (all.size() + GROUP_SIZE - 1) / GROUP_SIZE;
            for (int p = 0; p < parts; p++) {
                List<OptionObject> options = all.subList(p * GROUP_SIZE, Math.min(all.size(), (p + 1) * GROUP_SIZE))
                        .stream().map(TeamSetupView::zone).toList();
                String label = parts == 1 ? region : region + " (" + (p + 1) + "/" + parts + ")";
                groups.add(OptionGroupObject.builder().label(plainText(label)).options(options).build());
            }
        });
        return groups;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
