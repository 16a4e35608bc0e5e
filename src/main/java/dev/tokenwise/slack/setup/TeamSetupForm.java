package dev.tokenwise.slack.setup;

import static dev.tokenwise.slack.render.TeamSetupView.ALERT_CHANNEL;
import static dev.tokenwise.slack.render.TeamSetupView.CHANNEL;
import static dev.tokenwise.slack.render.TeamSetupView.DIGEST_DAY;
import static dev.tokenwise.slack.render.TeamSetupView.DIGEST_TIME;
import static dev.tokenwise.slack.render.TeamSetupView.MIN_CONTRIBUTORS;
import static dev.tokenwise.slack.render.TeamSetupView.MONTHLY_BUDGET;
import static dev.tokenwise.slack.render.TeamSetupView.PULSE;
import static dev.tokenwise.slack.render.TeamSetupView.REPOS;
import static dev.tokenwise.slack.render.TeamSetupView.TEAM;
import static dev.tokenwise.slack.render.TeamSetupView.TIMEZONE;
import static dev.tokenwise.slack.render.TeamSetupView.VALUE;
import static dev.tokenwise.slack.render.TeamSetupView.WORKFLOW_BUDGET;
import static dev.tokenwise.slack.render.TeamSetupView.WORK_END;
import static dev.tokenwise.slack.render.TeamSetupView.WORK_START;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.slack.api.model.view.ViewState;

import dev.tokenwise.common.Workflow;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamUpdate;

/**
 * Reads a submitted set-up form ({@code view.state.values}) field by field: either the team as entered, or one
 * message per bad field keyed by its block id (Slack shows each under its field: {@code response_action: errors}).
 * The form's own rules come first (required fields, numbers, at least 3 contributors, repository lines), then the
 * admin API's checks ({@link TeamService#violations}) on what was entered, so both refuse the same values.
 */
final class TeamSetupForm {

    /** The smallest {@code min_contributors} Slack may set (docs/contract.md §4.1); the API may go lower. */
    static final int MIN_CONTRIBUTORS_FROM_SLACK = 3;
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Z0-9]{1,64}");

    /** A valid form: the team's id, its settings and its repositories (null: not in the form, left as they are). */
    record Entered(String teamId, TeamUpdate update, List<String> repos) {
    }

    /** Either {@code entered} or {@code errors} (block id → message). */
    record Result(Entered entered, Map<String, String> errors) {
    }

    private final Map<String, Map<String, ViewState.Value>> values;
    private final Map<String, String> errors = new LinkedHashMap<>();

    private TeamSetupForm(Map<String, Map<String, ViewState.Value>> values) {
        this.values = values == null ? Map.of() : values;
    }

    static Result read(Map<String, Map<String, ViewState.Value>> values, SetupTarget target, TeamService teams) {
        return new TeamSetupForm(values).read(target, teams);
    }

    private Result read(SetupTarget target, TeamService teams) {
        String teamId = target.team();
        if (target.created()) {
            teamId = text(TEAM);
            if (teamId == null) {
                errors.put(TEAM, "Give the team an id, e.g. payments.");
            } else if (!TeamService.isSlug(teamId)) {
                errors.put(TEAM, "Use lower-case letters, digits and '-' (up to 64), starting with a letter or digit.");
            } else if (teams.find(teamId).isPresent()) {
                errors.put(TEAM, "A team called " + teamId + " exists already; open `/tokenwise admin " + teamId
                        + "` to change it.");
            }
        }
        String channel = channel(CHANNEL, true);
        String alertChannel = channel(ALERT_CHANNEL, false);
        String timezone = option(TIMEZONE, "Pick the team's time zone.");
        String day = option(DIGEST_DAY, "Pick the digest's day.");
        String time = time(DIGEST_TIME);
        String start = time(WORK_START);
        String end = time(WORK_END);
        BigDecimal monthly = money(MONTHLY_BUDGET);
        Map<String, BigDecimal> byWorkflow = new TreeMap<>();
        for (Workflow w : Workflow.values()) {
            BigDecimal v = money(WORKFLOW_BUDGET + w.id());
            if (v != null) {
                byWorkflow.put(w.id(), v);
            }
        }
        Integer minContributors = minContributors();
        List<String> repos = target.repos() ? repos() : null;
        boolean pulse = values.containsKey(PULSE) && value(PULSE) != null && value(PULSE).getSelectedOptions() != null
                && !value(PULSE).getSelectedOptions().isEmpty();
        String hours = start != null && end != null ? start + "-" + end : null;
        TeamUpdate update = new TeamUpdate(channel, alertChannel, timezone, day, time, hours, monthly, byWorkflow,
                minContributors, pulse);
        for (Problem.Violation v : TeamService.violations(update)) {
            errors.putIfAbsent(blockOf(v.field()), capitalised(v.message()));
        }
        return errors.isEmpty() ? new Result(new Entered(teamId, update, repos), Map.of())
                : new Result(null, Map.copyOf(errors));
    }

    /** The block of a field of the admin API, for its checks' messages. */
    static String blockOf(String field) {
        if (field == null) {
            return CHANNEL;
        }
        if (field.startsWith("workflow_budgets_usd.")) {
            return WORKFLOW_BUDGET + field.substring("workflow_budgets_usd.".length());
        }
        return switch (field) {
            case "working_hours" -> WORK_END;
            case "monthly_budget_usd" -> MONTHLY_BUDGET;
            case "team" -> TEAM;
            case "timezone", "digest_day", "digest_time", "channel", "alert_channel", "min_contributors", "repos" ->
                field;
            default -> CHANNEL;
        };
    }

    private ViewState.Value value(String block) {
        Map<String, ViewState.Value> b = values.get(block);
        return b == null ? null : b.get(VALUE);
    }

    private String text(String block) {
        ViewState.Value v = value(block);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue().trim();
    }

    private String channel(String block, boolean required) {
        ViewState.Value v = value(block);
        String id = v == null ? null
                : v.getSelectedConversation() != null ? v.getSelectedConversation()
                        : v.getSelectedChannel();
        if (id == null) {
            if (required) {
                errors.put(block, "Pick the channel the weekly digest goes to.");
            }
            return null;
        }
        if (!CHANNEL_ID.matcher(id).matches()) {
            errors.put(block, "Pick a channel from the list.");
            return null;
        }
        if (id.startsWith("D")) {
            errors.put(block, "Pick a channel, not a direct message: the team reads it together.");
            return null;
        }
        return id;
    }

    private String option(String block, String missing) {
        ViewState.Value v = value(block);
        if (v == null || v.getSelectedOption() == null || v.getSelectedOption().getValue() == null) {
            errors.put(block, missing);
            return null;
        }
        return v.getSelectedOption().getValue();
    }

    private String time(String block) {
        ViewState.Value v = value(block);
        String t = v == null ? null : v.getSelectedTime();
        if (t == null || !TIME.matcher(t).matches()) {
            errors.put(block, "Pick a time.");
            return null;
        }
        return t;
    }

    private BigDecimal money(String block) {
        String s = text(block);
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            errors.put(block, "Must be a number of US dollars, such as 5000 or 1250.50.");
            return null;
        }
    }

    private Integer minContributors() {
        String s = text(MIN_CONTRIBUTORS);
        int n;
        try {
            n = s == null ? -1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < MIN_CONTRIBUTORS_FROM_SLACK) {
            errors.put(MIN_CONTRIBUTORS, "Must be a whole number of at least " + MIN_CONTRIBUTORS_FROM_SLACK
                    + ": fewer people would let a team figure point at a person.");
            return null;
        }
        if (n > 1000) {
            errors.put(MIN_CONTRIBUTORS, "Must be at most 1000.");
            return null;
        }
        return n;
    }

    private List<String> repos() {
        String s = text(REPOS);
        List<String> lines = s == null ? List.of()
                : s.lines().map(String::trim).filter(l -> !l.isEmpty()).distinct().toList();
        List<String> bad = new ArrayList<>();
        for (String line : lines) {
            if (!TeamService.REPO.matcher(line).matches()) {
                bad.add(line);
            }
        }
        if (!bad.isEmpty()) {
            errors.put(REPOS, "Not owner/name or group/subgroup/name: "
                    + bad.stream().limit(3).map(b -> b.length() > 60 ? b.substring(0, 60) + "…" : b)
                            .collect(Collectors.joining(", "))
                    + (bad.size() > 3 ? " and " + (bad.size() - 3) + " more" : "") + ".");
        }
        return lines;
    }

    private static String capitalised(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }
}
