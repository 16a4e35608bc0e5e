package dev.tokenwise.usage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/**
 * Splits a JSON ingest body into its items (docs/contract.md §5.2): the elements of an array, the one object, or one
 * value per NDJSON line; at most {@link UsageParser#MAX_ITEMS}. Shared by the usage and LiteLLM ingest.
 */
@ApplicationScoped
public class IngestItems {

    private final ObjectMapper mapper;

    public IngestItems(ObjectMapper mapper) {
        this.mapper = mapper;
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
            if (root.size() > UsageParser.MAX_ITEMS) {
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
            if (items.size() >= UsageParser.MAX_ITEMS) {
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
        return ProblemException.badRequest("A request may carry at most " + UsageParser.MAX_ITEMS + " events (got " + n
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
}
