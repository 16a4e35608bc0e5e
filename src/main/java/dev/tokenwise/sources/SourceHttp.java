package dev.tokenwise.sources;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The one HTTP client of the pulled sources: GET with the headers a source gives (its credentials among them),
 * retried with back-off on connection errors, 429 and 5xx (a {@code Retry-After} of up to a minute is honoured).
 * Redirects are never followed: a redirect could carry a credential to a host it does not belong to. Messages name
 * the host and path only (never the query, a header or the body).
 */
@ApplicationScoped
public class SourceHttp {

    private static final Logger LOG = Logger.getLogger(SourceHttp.class);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    /** An answer: status, body and the headers a source reads (Link for pagination). */
    public record Answer(int status, String body, Map<String, java.util.List<String>> headers) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    private final SourcesConfig config;
    private final HttpClient client;

    public SourceHttp(SourcesConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * GETs {@code uri}. 2xx and 404 are answers (a 404 often means "not published"); 429, 5xx and connection errors
     * are retried, then fail; any other status fails at once.
     */
    public Answer get(URI uri, Map<String, String> headers) {
        int attempts = Math.max(1, config.attempts());
        Duration wait = config.retryBase();
        String what = "GET " + describe(uri);
        String last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration pause = wait;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.httpTimeout()).GET();
                headers.forEach(b::header);
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                int s = r.statusCode();
                if (s >= 200 && s < 300 || s == 404) {
                    return new Answer(s, r.body(), r.headers().map());
                }
                last = what + " answered HTTP " + s;
                if (s != 429 && s < 500) {
                    throw new SourceFailure(last + (s == 401 || s == 403 ? " (check the credentials and their scope)"
                            : ""));
                }
                pause = retryAfter(r).orElse(wait);
            } catch (IOException e) {
                last = what + " failed: " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailure(what + " was interrupted");
            }
            if (attempt < attempts) {
                LOG.debugf("%s; attempt %d of %d, next in %s", last, attempt, attempts, pause);
                sleep(pause);
                wait = wait.multipliedBy(2);
            }
        }
        throw new SourceFailure(last + " (" + attempts + " attempts)");
    }

    /** Scheme, host, port and path: what a message may say about a call. */
    static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> r) {
        return r.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                Duration d = Duration.ofSeconds(Long.parseLong(v.trim()));
                return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailure("interrupted while waiting to retry");
        }
    }
}
