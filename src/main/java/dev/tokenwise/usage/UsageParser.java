package dev.tokenwise.usage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.common.Workflow;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.team.TeamService;

/**
 * Reads and validates the body of {@code POST /ingest/usage} (docs/contract.md §5.2): one object, an array or NDJSON.
 * Every item is checked and every problem reported (index, field, message); a single bad item rejects the batch.
 */
@ApplicationScoped
public class UsageParser {

    public static final int MAX_ITEMS = 10_000;
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    static final String[] TOKEN_FIELDS = { "input_tokens", "cached_input_tokens", "cache_write_tokens",
            "output_tokens", "reasoning_tokens" };

    private final ObjectMapper mapper;
    private final Clock clock;

    public UsageParser(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The items of a JSON body: the elements of an array, or the one object. */
    public List<JsonNode> jsonItems(byte[] body) {
        JsonNode root;
        try {
            root = IngestBodies.singleValue(mapper, body);
        } catch (IOException e) {
            throw malformed(e);
        }
        if (root == null || root.isMissingNode()) {
            throw ProblemException.badRequest("The body is empty; send a JSON object, an array or NDJSON.");
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            if (root.size() > MAX_ITEMS) {
                throw tooMany(root.size());
            }
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        return items;
    }

    /** The items of an NDJSON body: one JSON value per non-blank line. */
    public List<JsonNode> ndjsonItems(byte[] body) {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n");
        List<JsonNode> items = new ArrayList<>();
        List<Problem.Violation> errors = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (items.size() >= MAX_ITEMS) {
                throw tooMany(items.size() + 1);
            }
            try {
                items.add(IngestBodies.singleValue(mapper, line));
            } catch (IngestBodies.TrailingContentException e) {
                errors.add(new Problem.Violation(items.size(), null,
                        "not valid JSON: content after the value (one JSON value per line)"));
                items.add(null);
            } catch (IOException e) {
                errors.add(new Problem.Violation(items.size(), null, "not valid JSON"));
                items.add(null);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() + " line(s) are not valid JSON; nothing was stored.",
                    errors);
        }
        return items;
    }

    private static ProblemException tooMany(int n) {
        return ProblemException.badRequest("A request may carry at most " + MAX_ITEMS + " events (got " + n
                + "); nothing was stored.");
    }

    public static ProblemException malformed(IOException e) {
        String at = e instanceof JsonProcessingException j && j.getLocation() != null
                ? " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")"
                : "";
        if (e instanceof IngestBodies.TrailingContentException) {
            // Note: never read the first value and drop the rest; that answered 202 for events it did not store.
            return new ProblemException(400, "malformed-json", "Malformed JSON", "The body has content after its "
                    + "JSON value" + at + "; send one JSON value (an object or an array), or NDJSON as "
                    + "application/x-ndjson. Nothing was stored.");
        }
        return new ProblemException(400, "malformed-json", "Malformed JSON", "The body is not valid JSON" + at + ".");
    }

    /** Validates all items; throws one 400 naming every bad item, else returns the inputs in order. */
    public List<UsageEvents.Input> validate(List<JsonNode> items) {
        List<Problem.Violation> errors = new ArrayList<>();
        List<UsageEvents.Input> inputs = new ArrayList<>(items.size());
        Instant latest = clock.instant().plus(MAX_FUTURE);
        for (int i = 0; i < items.size(); i++) {
            inputs.add(item(i, items.get(i), latest, errors));
        }
        if (!errors.isEmpty()) {
            long bad = errors.stream().map(Problem.Violation::index).distinct().count();
            throw ProblemException.badRequest(bad + " of " + items.size() + " event(s) are invalid; nothing was stored.",
                    errors);
        }
        return inputs;
    }

    private UsageEvents.Input item(int i, JsonNode n, Instant latest, List<Problem.Violation> errors) {
        if (n == null || !n.isObject()) {
            errors.add(new Problem.Violation(i, null, "must be a JSON object"));
            return null;
        }
        Fields f = new Fields(i, n, errors);
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
        if (!f.valid()) {
            return null;
        }
        return new UsageEvents.Input(id == null ? null : "usage:" + id, at, team, repo, workflow,
                tool == null ? null : tool.trim().toLowerCase(Locale.ROOT), model.trim(), tokens[0], tokens[1],
                tokens[2], tokens[3], tokens[4], cost, blankToNull(session), pr, actor, "usage");
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Typed field access that records a violation per bad field. */
    public static final class Fields {
        private final int index;
        private final JsonNode node;
        private final List<Problem.Violation> errors;
        private final int before;
        private final java.util.Set<String> bad = new java.util.HashSet<>();

        public Fields(int index, JsonNode node, List<Problem.Violation> errors) {
            this.index = index;
            this.node = node;
            this.errors = errors;
            this.before = errors.size();
        }

        public void error(String field, String message) {
            bad.add(field);
            errors.add(new Problem.Violation(index, field, message));
        }

        public boolean ok(String field) {
            return !bad.contains(field);
        }

        public boolean valid() {
            return errors.size() == before;
        }

        private JsonNode get(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v;
        }

        public String string(String field, int max) {
            JsonNode v = get(field);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                error(field, "must be a string");
                return null;
            }
            String problem = IngestLimits.stringProblem(v.asText(), max);
            if (problem != null) {
                error(field, problem);
                return null;
            }
            return v.asText();
        }

        /** A string stored trimmed and in lower case (model, tool): its stored form must fit {@code max}. */
        public String lowerCased(String field, int max) {
            String s = string(field, max);
            String problem = s == null ? null : IngestLimits.lowerCasedProblem(s, max);
            if (problem != null) {
                error(field, problem);
                return null;
            }
            return s;
        }

        public Instant timestamp(String field, Instant latest) {
            JsonNode v = get(field);
            if (v == null) {
                error(field, "is required (RFC 3339, e.g. 2026-11-09T10:15:00Z)");
                return null;
            }
            if (!v.isTextual()) {
                error(field, "must be an RFC 3339 date-time string");
                return null;
            }
            Instant at = parseRfc3339(v.asText());
            if (at == null) {
                error(field, "must be an RFC 3339 date-time with offset, e.g. 2026-11-09T10:15:00Z");
                return null;
            }
            if (!IngestLimits.inRange(at)) {
                error(field, IngestLimits.TIME_RANGE);
                return null;
            }
            if (at.isAfter(latest)) {
                error(field, "must not be more than 5 minutes in the future");
                return null;
            }
            return at;
        }

        public String repo(String field) {
            String r = string(field, IngestLimits.REPO);
            if (r == null || r.isBlank()) {
                return null;
            }
            if (!TeamService.REPO.matcher(r.trim()).matches()) {
                error(field, "must be owner/name");
                return null;
            }
            return r.trim().toLowerCase(Locale.ROOT);
        }

        public String workflow(String field) {
            String w = string(field, 32);
            var parsed = Workflow.parse(w);
            if (parsed.isEmpty()) {
                error(field, "must be one of " + Workflow.NAMES);
                return Workflow.OTHER.id();
            }
            return parsed.get().id();
        }

        /** A token count: an integer from 0 to {@link IngestLimits#MAX_TOKENS}; 0 when absent. */
        public long count(String field) {
            JsonNode v = get(field);
            if (v == null) {
                return 0;
            }
            String problem = countProblem(v);
            if (problem != null) {
                error(field, problem);
                return 0;
            }
            return v.asLong();
        }

        /** A cost in USD: a number from 0 to {@link IngestLimits#MAX_COST_USD}; null when absent. */
        public Double money(String field) {
            JsonNode v = get(field);
            if (v == null) {
                return null;
            }
            String problem = moneyProblem(v);
            if (problem != null) {
                error(field, problem);
                return null;
            }
            return v.asDouble() + 0.0; // + 0.0 turns -0.0 into 0.0
        }

        public Integer positiveInt(String field) {
            JsonNode v = get(field);
            if (v == null) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
                error(field, "must be a pull request number (an integer from 1 to " + Integer.MAX_VALUE + ")");
                return null;
            }
            return v.asInt();
        }
    }

    /** Why a JSON value is not a token count, or null when it is one. */
    public static String countProblem(JsonNode v) {
        if (!v.isIntegralNumber()) {
            return "must be an integer";
        }
        if (v.bigIntegerValue().signum() < 0) {
            return "must be 0 or more";
        }
        if (!v.canConvertToLong() || v.asLong() > IngestLimits.MAX_TOKENS) {
            return "must be at most " + IngestLimits.MAX_TOKENS + " (10^12) per event";
        }
        return null;
    }

    /** Why a JSON value is not a cost in USD, or null when it is one. */
    public static String moneyProblem(JsonNode v) {
        if (!v.isNumber() || Double.isNaN(v.asDouble())) {
            return "must be a number";
        }
        if (v.asDouble() < 0) {
            return "must be 0 or more";
        }
        // Infinity (1e400 in the JSON) lands here too.
        if (!(v.asDouble() <= IngestLimits.MAX_COST_USD)) {
            return "must be at most 1000000 (10^6 USD) per event";
        }
        return null;
    }

    /** RFC 3339 date-time: offset required; 't', 'z' and a space separator are allowed as the RFC permits. */
    public static Instant parseRfc3339(String s) {
        String t = s.trim();
        if (t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 't')) {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        t = t.replace('z', 'Z');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
