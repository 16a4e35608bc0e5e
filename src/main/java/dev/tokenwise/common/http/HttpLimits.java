package dev.tokenwise.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.tokenwise.common.error.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP-level limits of every endpoint, in the one place every request passes before anything else: the URL
 * length and the body size, sized ({@code Content-Length}) or chunked. Each refusal is a problem document; the
 * server's own answers to the same limits (Quarkus' 413, Vert.x' 414) have no body at all, so a client could not
 * tell what it did wrong.
 * <p>
 * Chunked HTTP/1.1 bodies are read here, up to the limit, and handed on as the request's body (REST endpoints then read
 * them from memory as they read any body): a chunked body's size is only known once it has been read, and Quarkus
 * refuses one over the limit with a bare 413 from the middle of an endpoint's read.
 * <p>
 * {@code quarkus.http.limits.max-initial-line-length} is set well above {@link #MAX_URI} so that long URLs reach
 * this handler (or, below it, the endpoint, which names the path parameter that is too long); only request lines
 * longer than that setting still get Vert.x' bare 414, as no hook is offered for its invalid-request answer.
 */
@ApplicationScoped
public class HttpLimits {

    /** Largest request body in bytes (as received; ingest also applies it after gzip inflation). */
    public static final long MAX_BODY = 10L * 1024 * 1024;
    /** Longest request target (path and query, as sent, percent-encoded) in characters. */
    public static final int MAX_URI = 16 * 1024;

    public static final String TOO_LARGE_DETAIL = "The body is larger than 10 MB; send smaller batches.";

    private static final String TOO_LARGE = "{\"type\":\"" + Problem.type("payload-too-large")
            + "\",\"title\":\"Payload Too Large\",\"status\":413,\"detail\":\"" + TOO_LARGE_DETAIL + "\"}";
    private static final String URI_TOO_LONG = "{\"type\":\"" + Problem.type("uri-too-long")
            + "\",\"title\":\"URI Too Long\",\"status\":414,\"detail\":\"The URL is longer than " + MAX_URI
            + " characters.\"}";

    private final MeterRegistry registry;

    public HttpLimits(MeterRegistry registry) {
        this.registry = registry;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limit);
    }

    private void limit(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (req.uri().length() > MAX_URI) {
            refuse(ctx, 414, "uri-too-long", URI_TOO_LONG);
            return;
        }
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                n = -1; // Vert.x refuses a malformed Content-Length before routing
            }
            if (n > MAX_BODY) {
                refuse(ctx, 413, "payload-too-large", TOO_LARGE);
                return;
            }
            ctx.next();
            return;
        }
        // Without a length, an HTTP/1.1 request has a body only when it is chunked. HTTP/2 requests are left to
        // the server's own limit: one read here could not be handed on (the REST layer pauses the request it
        // reads, which HTTP/2 refuses once the stream has ended, and every body-less HTTP/2 GET would fail).
        boolean chunked = (req.version() == HttpVersion.HTTP_1_1 || req.version() == HttpVersion.HTTP_1_0)
                && req.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        if (!chunked || req.isEnded()) {
            ctx.next();
            return;
        }
        readChunked(ctx);
    }

    /** Reads a body of unknown length into memory, or refuses it (413) as soon as it passes the limit. */
    private void readChunked(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        Buffer body = Buffer.buffer();
        long[] discarded = { -1 }; // -1 while reading; from the refusal on, the bytes thrown away since
        req.handler(chunk -> {
            if (discarded[0] >= 0) {
                discarded[0] += chunk.length();
                // Drained for a while so that the client can read the answer (closing at once can reset the
                // connection before it does), but never without end.
                if (discarded[0] > MAX_BODY) {
                    req.connection().close();
                }
                return;
            }
            if (body.length() + (long) chunk.length() > MAX_BODY) {
                discarded[0] = 0;
                refuse(ctx, 413, "payload-too-large", TOO_LARGE);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (discarded[0] >= 0) {
                req.connection().close();
                return;
            }
            ctx.setBody(body);
            ctx.next();
        });
        // A broken upload (the client went away) has nobody left to answer.
        req.exceptionHandler(e -> req.connection().close());
        if (req.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            req.response().writeContinue();
        }
        req.resume();
    }

    private void refuse(RoutingContext ctx, int status, String reason, String problem) {
        registry.counter("tokenwise.rejected.requests", "reason", reason).increment();
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(problem);
    }
}
