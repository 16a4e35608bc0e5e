package dev.tokenwise.usage.otlp;

import java.util.Locale;
import java.util.function.Function;

import dev.tokenwise.common.Workflow;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.usage.IngestFields;
import dev.tokenwise.usage.IngestLimits;

/**
 * What every OTLP item (a metric point or a log record) says about where its usage belongs, read from its resource
 * and its own attributes merged (docs/contract.md §5.3, §5.6): team, repository and workflow (set with
 * {@code OTEL_RESOURCE_ATTRIBUTES}), pull request, session, and the person, who is only ever kept as a pseudonym.
 * One set of checks for metrics and events, so both refuse the same input with the same reasons.
 */
record OtlpLabels(String team, String repo, String workflow, Integer pullRequest, String session, String actor) {

    /** The attributes that name a person, in the order of preference (docs/contract.md §5.6). */
    private static final String[] PERSON = { "actor", "user.email", "user.account_uuid", "user.account_id",
            "user.id" };

    /** The labels, or the reason to reject the item. */
    record Read(OtlpLabels labels, String problem) {
    }

    /**
     * @param all an attribute of the resource overlaid with the item's own, as text (null when absent)
     * @param session the item's session id as its agent names it (null when none)
     */
    static Read read(Function<String, String> all, String session) {
        String team = all.apply("team");
        if (team == null) {
            team = all.apply("team.id");
        }
        if (team != null && !TeamService.isSlug(team)) {
            return problem("attribute team must be a team slug");
        }
        String repo = all.apply("repo");
        if (repo != null && (repo.length() > IngestLimits.REPO || !TeamService.REPO.matcher(repo).matches())) {
            return problem("attribute repo must be owner/name");
        }
        var workflow = Workflow.parse(all.apply("workflow"));
        if (workflow.isEmpty()) {
            return problem("attribute workflow must be one of " + Workflow.NAMES);
        }
        Integer pr = null;
        String prText = all.apply("pull_request");
        if (prText != null) {
            try {
                pr = Integer.valueOf(prText.trim());
            } catch (NumberFormatException e) {
                pr = null;
            }
            if (pr == null || pr < 1) {
                return problem("attribute pull_request must be a PR number");
            }
        }
        if (session != null && session.indexOf('\u0000') >= 0) {
            return problem("attribute session.id must not contain a NUL character");
        }
        if (session != null && session.length() > IngestLimits.SESSION) {
            session = session.substring(0, IngestLimits.SESSION);
        }
        String actor = null;
        for (String k : PERSON) {
            String v = all.apply(k);
            if (v != null && !v.isBlank()) {
                actor = v;
                break;
            }
        }
        return new Read(new OtlpLabels(team, repo == null ? null : repo.toLowerCase(Locale.ROOT),
                workflow.get().id(), pr, IngestFields.blankToNull(session), actor), null);
    }

    /** The stored tool name of a service ({@code service.name}), or the problem with it. */
    static String serviceProblem(String service) {
        return service != null && service.indexOf('\u0000') >= 0
                ? "attribute service.name must not contain a NUL character"
                : null;
    }

    private static Read problem(String reason) {
        return new Read(null, reason);
    }
}
