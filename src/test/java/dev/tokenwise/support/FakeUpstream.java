package dev.tokenwise.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An outside HTTP API (GitHub, Anthropic, OpenAI) over real HTTP on a dynamic loopback port: records every request
 * (path, decoded query, headers) and answers through a handler the test sets; failures can be queued in front of
 * the handler ({@link #failNext}). Reachable as {@code 127.0.0.1} and as {@code localhost}, which tests use as two
 * hosts (an API origin and a report download host).
 */
public final class FakeUpstream {

    public record Request(String path, Map<String, String> query, Map<String, String> headers) {

        /** A header by name, any case; null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public record Response(int status, String body, Map<String, String> headers) {

        public static Response json(String body) {
            return new Response(200, body, Map.of("Content-Type", "application/json"));
        }

        public static Response status(int status, String body) {
            return new Response(status, body, Map.of("Content-Type", "application/json"));
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Response> failures = new ArrayDeque<>();
    private volatile Function<Request, Response> handler = r -> Response.status(404, "{\"message\":\"Not Found\"}");
    private HttpServer server;

    public synchronized FakeUpstream start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** {@code http://127.0.0.1:port} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The same server named {@code localhost}: another host for the service. */
    public String localhostUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public void handle(Function<Request, Response> h) {
        handler = h;
    }

    /** The next {@code n} requests get {@code status} with {@code body}, whatever they ask. */
    public synchronized void failNext(int n, int status, String body) {
        for (int i = 0; i < n; i++) {
            failures.add(Response.status(status, body));
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose path ends with {@code suffix}. */
    public List<Request> requests(String suffix) {
        return requests.stream().filter(r -> r.path().endsWith(suffix)).toList();
    }

    public synchronized void reset() {
        requests.clear();
        failures.clear();
        handler = r -> Response.status(404, "{\"message\":\"Not Found\"}");
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        Map<String, String> query = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(k, v);
            }
        }
        ex.getRequestBody().readAllBytes();
        Request req = new Request(ex.getRequestURI().getPath(), query, headers);
        requests.add(req);
        Response r;
        synchronized (this) {
            r = failures.poll();
        }
        if (r == null) {
            r = handler.apply(req);
        }
        byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
        r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
