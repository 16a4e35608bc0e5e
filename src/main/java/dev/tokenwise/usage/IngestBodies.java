package dev.tokenwise.usage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.http.HttpLimits;

/**
 * Request-body plumbing shared by the ingest endpoints: exactly one JSON value per body, media types and
 * {@code Content-Encoding: gzip} (413 when a body inflates past the limit). The limit on the bytes received, sized
 * or chunked, is enforced for every endpoint by {@link HttpLimits}.
 */
public final class IngestBodies {

    /** Bodies over 10 MB get 413, also after gzip inflation. */
    public static final long MAX_BODY = HttpLimits.MAX_BODY;

    private IngestBodies() {
    }

    /** Content after the one JSON value of a body (or of an NDJSON line). */
    public static final class TrailingContentException extends JsonParseException {
        TrailingContentException(JsonParser p) {
            super(p, "content after the JSON value");
        }
    }

    /**
     * Exactly one JSON value: anything after it but whitespace is an error, never silently ignored (two NDJSON lines
     * sent as application/json were once answered as if the first were all). Null when there is no value at all.
     */
    public static JsonNode singleValue(ObjectMapper mapper, byte[] json) throws IOException {
        try (JsonParser p = mapper.createParser(json)) {
            return single(mapper, p);
        }
    }

    /** {@link #singleValue(ObjectMapper, byte[])} of a string (one NDJSON line). */
    public static JsonNode singleValue(ObjectMapper mapper, String json) throws IOException {
        try (JsonParser p = mapper.createParser(json)) {
            return single(mapper, p);
        }
    }

    private static JsonNode single(ObjectMapper mapper, JsonParser p) throws IOException {
        // Note: the service's mapper fails on trailing tokens itself, with a generic syntax error; reading the value
        // without that check lets the answer say precisely that content follows the value.
        JsonNode value = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(p);
        if (value == null || value.isMissingNode()) {
            return null;
        }
        try {
            if (p.nextToken() == null) {
                return value;
            }
        } catch (JsonParseException e) {
            // Unparseable trailing content ("}}" after an array) is trailing content all the same.
        }
        throw new TrailingContentException(p);
    }

    public static ProblemException tooLarge() {
        return new ProblemException(413, "payload-too-large", "Payload Too Large", HttpLimits.TOO_LARGE_DETAIL);
    }

    public static ProblemException unsupported(String contentType, String allowed) {
        return new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                "Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'") + " is not accepted here; "
                        + "send " + allowed + ".");
    }

    /** A JSON ingest body, decoded (gzip), and whether it was sent as NDJSON. */
    public record JsonBody(byte[] bytes, boolean ndjson) {
    }

    /**
     * Checks the content type of a JSON-or-NDJSON ingest endpoint (415 otherwise) and decodes the body.
     */
    public static JsonBody jsonOrNdjson(byte[] body, String contentType, String contentEncoding) {
        String type = mediaType(contentType);
        boolean ndjson = "application/x-ndjson".equals(type) || "application/ndjson".equals(type);
        if (!ndjson && !"application/json".equals(type)) {
            throw unsupported(contentType, "application/json or application/x-ndjson");
        }
        return new JsonBody(decode(body, contentEncoding), ndjson);
    }

    /** The media type without parameters, lower case; null when absent. */
    public static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The body after {@code Content-Encoding} (identity or gzip); 413 when it inflates past 10 MB. */
    public static byte[] decode(byte[] body, String contentEncoding) {
        if (body == null) {
            return new byte[0];
        }
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (!contentEncoding.trim().equalsIgnoreCase("gzip")) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "Content-Encoding '" + contentEncoding + "' is not supported; use gzip or none.");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, body.length * 4));
            byte[] buf = new byte[8192];
            int r;
            while ((r = in.read(buf)) > 0) {
                out.write(buf, 0, r);
                if (out.size() > MAX_BODY) {
                    throw tooLarge();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ProblemException.badRequest("The body is not valid gzip.");
        }
    }
}
