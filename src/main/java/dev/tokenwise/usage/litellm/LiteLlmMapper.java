package dev.tokenwise.usage.litellm;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tokenwise.common.Workflow;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.usage.IngestFields;
import dev.tokenwise.usage.IngestLimits;
import dev.tokenwise.usage.UsageEvents;
import dev.tokenwise.usage.UsageParser;

/**
 * Maps LiteLLM {@code StandardLoggingPayload} objects (docs/contract.md §5.4) to usage inputs. Reads only the fields it
 * needs; {@code messages}, {@code response} content and {@code model_map_information} are never kept (the
 * usage object inside {@code response} is read for its cache counts, nothing else).
 */
@ApplicationScoped
public class LiteLlmMapper {

    static final String SOURCE = "litellm";

    private final Clock clock;

    public LiteLlmMapper(Clock clock) {
        this.clock = clock;
    }

    /** Validates every payload; throws one 400 naming every bad one. Failed calls without cost map to null. */
    public List<UsageEvents.Input> map(List<JsonNode> items) {
        List<Problem.Violation> errors = new ArrayList<>();
        List<UsageEvents.Input> inputs = new ArrayList<>();
        Instant latest = clock.instant().plus(UsageParser.MAX_FUTURE);
        for (int i = 0; i < items.size(); i++) {
            inputs.add(item(i, items.get(i), latest, errors));
        }
        if (!errors.isEmpty()) {
            long bad = errors.stream().map(Problem.Violation::index).distinct().count();
            throw ProblemException.badRequest(bad + " of " + items.size()
                    + " LiteLLM payload(s) are invalid; nothing was stored.", errors);
        }
        return inputs;
    }

    private UsageEvents.Input item(int i, JsonNode n, Instant latest, List<Problem.Violation> errors) {
        if (n == null || !n.isObject()) {
            errors.add(new Problem.Violation(i, null, "must be a JSON object (a StandardLoggingPayload)"));
            return null;
        }
        IngestFields f = new IngestFields(i, n, errors);
        String id = f.string("id", IngestLimits.ID);
        String model = f.lowerCased("model", IngestLimits.MODEL);
        if ((model == null || model.isBlank()) && f.ok("model")) {
            f.error("model", "is required");
        }
        Instant at = time(f, n, latest);
        boolean failure = "failure".equalsIgnoreCase(text(n, "status"));
        Double cost = f.money("response_cost");
        if (cost == null) {
            cost = breakdownCost(f, n.get("cost_breakdown"));
        }
        long prompt = f.count("prompt_tokens");
        long completion = f.count("completion_tokens");
        String usagePath = n.path("metadata").path("usage_object").isObject() ? "metadata.usage_object"
                : "response.usage";
        JsonNode usage = usageObject(n);
        long cached = firstCount(f, usage, usagePath, "cache_read_input_tokens", "prompt_tokens_details.cached_tokens");
        long cacheWrite = firstCount(f, usage, usagePath, "cache_creation_input_tokens");
        long reasoning = Math.min(completion,
                firstCount(f, usage, usagePath, "completion_tokens_details.reasoning_tokens"));

        JsonNode meta = n.path("metadata");
        String team = teamSlug(text(meta, "user_api_key_team_alias"));
        if (team == null) {
            team = teamSlug(text(meta, "user_api_key_team_id"));
        }
        if (team == null) {
            team = teamSlug(text(n, "team_id"));
        }
        String workflow = Workflow.OTHER.id();
        String repo = null;
        String tool = SOURCE;
        JsonNode tags = n.get("request_tags");
        if (tags != null && tags.isArray()) {
            for (JsonNode tag : tags) {
                String t = tag.asText("");
                if (t.startsWith("workflow:")) {
                    var w = Workflow.parse(t.substring(9));
                    if (w.isEmpty() || t.substring(9).isBlank()) {
                        f.error("request_tags", "workflow tag must be workflow:<one of " + Workflow.NAMES + ">");
                    } else {
                        workflow = w.get().id();
                    }
                } else if (t.startsWith("repo:")) {
                    String r = t.substring(5).trim();
                    if (r.length() > IngestLimits.REPO || !TeamService.REPO.matcher(r).matches()) {
                        f.error("request_tags", "repo tag must be repo:owner/name");
                    } else {
                        repo = r.toLowerCase(Locale.ROOT);
                    }
                } else if (t.startsWith("tool:") && !t.substring(5).isBlank()) {
                    String problem = IngestLimits.lowerCasedProblem(t.substring(5), IngestLimits.TOOL);
                    if (problem != null) {
                        f.error("request_tags", "tool tag: the name " + problem);
                    } else {
                        tool = t.substring(5).trim().toLowerCase(Locale.ROOT);
                    }
                }
            }
        }
        String actor = text(meta, "user_api_key_user_id");
        if (actor == null) {
            actor = text(n, "end_user");
        }
        JsonNode trace = n.get("trace_id");
        String session = null;
        if (trace != null && trace.isValueNode() && !trace.isNull()) {
            // Checked before trimming, which would quietly drop a NUL at either end.
            String problem = IngestLimits.stringProblem(trace.asText(), IngestLimits.SESSION);
            if (problem != null) {
                f.error("trace_id", problem);
            }
            session = IngestFields.blankToNull(trace.asText());
        }
        if (!f.valid()) {
            return null;
        }
        if (failure && (cost == null || cost == 0)) {
            // docs/contract.md §5.4: a failed call counts its cost if any, and nothing else.
            return null;
        }
        String key = id == null || id.isBlank() ? null : SOURCE + ":" + id;
        if (failure) {
            return new UsageEvents.Input(key, at, team, repo, workflow, tool, model.trim(), 0, 0, 0, 0, 0, cost,
                    session, null, actor, SOURCE);
        }
        // prompt_tokens counts cached reads and cache writes too; input_tokens here is the uncached part.
        long input = Math.max(0, prompt - cached - cacheWrite);
        return new UsageEvents.Input(key, at, team, repo, workflow, tool, model.trim(), input, cached, cacheWrite,
                completion, reasoning, cost, session, null, actor, SOURCE);
    }

    /** startTime (else endTime): epoch seconds, or a date-time string; LiteLLM writes naive times in UTC. */
    private static Instant time(IngestFields f, JsonNode n, Instant latest) {
        JsonNode v = n.hasNonNull("startTime") ? n.get("startTime") : n.get("endTime");
        String field = n.hasNonNull("startTime") ? "startTime" : "endTime";
        Instant at = null;
        if (v == null || v.isNull()) {
            f.error("startTime", "is required (epoch seconds or a date-time)");
            return null;
        }
        if (v.isNumber()) {
            double s = v.asDouble();
            // Checked before Instant.ofEpochSecond, which throws for 1e400 (Infinity) or -1e17 (before year -1e9).
            if (!(s >= IngestLimits.EARLIEST.getEpochSecond() && s < IngestLimits.END.getEpochSecond())) {
                f.error(field, "epoch seconds " + IngestLimits.TIME_RANGE);
                return null;
            }
            at = Instant.ofEpochSecond((long) Math.floor(s), (long) ((s - Math.floor(s)) * 1e9));
        } else if (v.isTextual()) {
            at = IngestFields.parseRfc3339(v.asText());
            if (at == null) {
                try {
                    at = LocalDateTime.parse(v.asText().trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    at = null;
                }
            }
        }
        if (at == null) {
            f.error(field, "must be epoch seconds or a date-time");
        } else if (!IngestLimits.inRange(at)) {
            f.error(field, IngestLimits.TIME_RANGE);
            at = null;
        } else if (at.isAfter(latest)) {
            f.error(field, "must not be more than 5 minutes in the future");
            at = null;
        }
        return at;
    }

    /**
     * The cost from {@code cost_breakdown}: its total, else the sum of its parts; negative amounts count as 0 as
     * before, but an amount beyond the per-event limit (or Infinity) is an error, never a stored cost.
     */
    private static Double breakdownCost(IngestFields f, JsonNode b) {
        if (b == null || !b.isObject()) {
            return null;
        }
        if (b.path("total_cost").isNumber()) {
            return boundedCost(f, "cost_breakdown.total_cost", b.get("total_cost").asDouble());
        }
        double sum = 0;
        boolean any = false;
        for (String part : new String[] { "input_cost", "output_cost", "tool_usage_cost" }) {
            if (b.path(part).isNumber()) {
                Double c = boundedCost(f, "cost_breakdown." + part, b.get(part).asDouble());
                if (c == null) {
                    return null;
                }
                sum += c;
                any = true;
            }
        }
        return any ? boundedCost(f, "cost_breakdown", sum) : null;
    }

    private static Double boundedCost(IngestFields f, String field, double usd) {
        if (Double.isNaN(usd) || usd > IngestLimits.MAX_COST_USD) {
            f.error(field, "must be at most 1000000 (10^6 USD) per event");
            return null;
        }
        return Math.max(0, usd);
    }

    /** The usage object: {@code metadata.usage_object} (proxy) or {@code response.usage}. */
    private static JsonNode usageObject(JsonNode n) {
        JsonNode u = n.path("metadata").path("usage_object");
        return u.isObject() ? u : n.path("response").path("usage");
    }

    /**
     * The first of the usage object's counts that is a count (others are skipped, as LiteLLM's shapes vary); one
     * over the per-event limit is an error named by its path.
     */
    private static long firstCount(IngestFields f, JsonNode usage, String usagePath, String... paths) {
        for (String p : paths) {
            JsonNode v = usage;
            for (String part : p.split("\\.")) {
                v = v.path(part);
            }
            if (v.isIntegralNumber() && v.bigIntegerValue().signum() >= 0) {
                String problem = IngestFields.countProblem(v);
                if (problem != null) {
                    f.error(usagePath + "." + p, problem);
                    return 0;
                }
                return v.asLong();
            }
        }
        return 0;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : IngestFields.blankToNull(v.asText());
    }

    /** LiteLLM team aliases are free text ("Payments Team"); team ids are slugs ("payments-team"). */
    static String teamSlug(String alias) {
        if (alias == null) {
            return null;
        }
        String s = alias.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 64) {
            s = s.substring(0, 64).replaceAll("-+$", "");
        }
        return s.isEmpty() ? null : s;
    }
}
