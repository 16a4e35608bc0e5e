package dev.tokenwise.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.team.TeamService;

/**
 * Validates the items of {@code POST /ingest/usage} (docs/contract.md §5.2; {@link IngestItems} splits the body).
 * Every item is checked and every problem reported (index, field, message); a single bad item rejects the batch.
 */
@ApplicationScoped
public class UsageParser {

    public static final int MAX_ITEMS = 10_000;
    /** Longer than a commit id, so that a too-long one is named as not one rather than as too long. */
    private static final int COMMIT_SHA_LENGTH = 100;
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    static final String[] TOKEN_FIELDS = { "input_tokens", "cached_input_tokens", "cache_write_tokens",
            "output_tokens", "reasoning_tokens" };

    private final Clock clock;

    public UsageParser(Clock clock) {
        this.clock = clock;
    }

    /** A commit id: 40 hex digits (docs/contract.md §5.2). */
    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-fA-F]{40}");

    /** One valid item: the event, and the commit it produced (lower case) or null. */
    public record Item(UsageEvents.Input input, String commitSha) {
    }

    /** Validates all items; throws one 400 naming every bad item, else returns the items in order. */
    public List<Item> validate(List<JsonNode> items) {
        List<Problem.Violation> errors = new ArrayList<>();
        List<Item> inputs = new ArrayList<>(items.size());
        Instant latest = clock.instant().plus(MAX_FUTURE);
        for (int i = 0; i < items.size(); i++) {
            inputs.add(item(i, items.get(i), latest, errors));
        }
        if (!errors.isEmpty()) {
            long bad = errors.stream().map(Problem.Violation::index).distinct().count();
            throw ProblemException.badRequest(bad + " of " + items.size()
                    + " event(s) are invalid; nothing was stored.", errors);
        }
        return inputs;
    }

    private Item item(int i, JsonNode n, Instant latest, List<Problem.Violation> errors) {
        if (n == null || !n.isObject()) {
            errors.add(new Problem.Violation(i, null, "must be a JSON object"));
            return null;
        }
        IngestFields f = new IngestFields(i, n, errors);
        String id = f.string("id", IngestLimits.ID);
        Instant at = f.timestamp("timestamp", latest);
        String team = f.string("team", IngestLimits.TEAM);
        if (team != null && !TeamService.isSlug(team)) {
            f.error("team", "must be a team slug ([a-z0-9][a-z0-9-]*)");
        }
        String repo = f.repo("repo");
        String workflow = f.workflow("workflow");
        String tool = f.lowerCased("tool", IngestLimits.TOOL);
        String model = f.lowerCased("model", IngestLimits.MODEL);
        if (model == null || model.isBlank()) {
            if (f.ok("model")) {
                f.error("model", "is required");
            }
        }
        long[] tokens = new long[TOKEN_FIELDS.length];
        for (int t = 0; t < TOKEN_FIELDS.length; t++) {
            tokens[t] = f.count(TOKEN_FIELDS[t]);
        }
        if (tokens[4] > tokens[3] && f.ok("reasoning_tokens") && f.ok("output_tokens")) {
            f.error("reasoning_tokens", "must not exceed output_tokens (reasoning is part of the output)");
        }
        Double cost = f.money("cost_usd");
        String session = f.string("session_id", IngestLimits.SESSION);
        Integer pr = f.positiveInt("pull_request");
        String actor = f.string("actor", IngestLimits.ACTOR);
        String commit = f.string("commit_sha", COMMIT_SHA_LENGTH);
        if (commit != null && !COMMIT_SHA.matcher(commit).matches()) {
            f.error("commit_sha", "must be a commit id: 40 hexadecimal digits");
        } else if (commit != null && IngestFields.blankToNull(session) == null && f.ok("session_id")) {
            f.error("commit_sha", "needs session_id: the commit links the event's session to a pull request");
        }
        if (!f.valid()) {
            return null;
        }
        return new Item(new UsageEvents.Input(id == null ? null : "usage:" + id, at, team, repo, workflow,
                tool == null ? null : tool.trim().toLowerCase(Locale.ROOT), model.trim(), tokens[0], tokens[1],
                tokens[2], tokens[3], tokens[4], cost, IngestFields.blankToNull(session), pr, actor, "usage"),
                commit == null ? null : commit.toLowerCase(Locale.ROOT));
    }

}
