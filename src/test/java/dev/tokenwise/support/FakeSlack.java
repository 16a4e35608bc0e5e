package dev.tokenwise.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny Slack Web API over real HTTP on a dynamic loopback port: records every request and answers like Slack
 * (chat.postMessage keeps the message with its metadata, conversations.history returns them, response_url
 * hooks). Failures can be scripted per method ({@link #failNext}) and the whole server stopped and restarted on
 * the same port ({@link #down()} / {@link #up()}) to simulate an outage with refused connections.
 */
public final class FakeSlack {

    /** @param nanos {@link System#nanoTime()} when the request arrived (to measure Slack's 3-second window) */
    public record Call(String path, Map<String, String> headers, String body, Map<String, String> form, long nanos) {
    }

    /** The bot's own user id, as auth.test answers it. */
    public static final String BOT_USER = "U0TOKENWISE";

    public record Posted(String channel, String text, String ts, String dedupKey, String blocks) {
    }

    /** A file shared into a channel by files.completeUploadExternal (or seeded). */
    public record Shared(String channel, String fileId, String title, String ts) {
    }

    private record Scripted(int status, Map<String, String> headers, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    public static volatile FakeSlack INSTANCE;

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final List<Shared> shared = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> uploads = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong fileSeq = new AtomicLong();
    private final Map<String, Deque<Scripted>> scripts = new LinkedHashMap<>();
    private final AtomicLong seq = new AtomicLong(1_700_000_000_000L);
    private final Map<String, String> workspaceRoles = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<String>> memberships = new java.util.concurrent.ConcurrentHashMap<>();
    private HttpServer server;
    private int port;

    public synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        port = server.getAddress().getPort();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public void down() {
        stop();
    }

    public synchronized void up() throws IOException {
        if (server == null) {
            start();
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + port + "/api/";
    }

    public String hookUrl(String name) {
        return "http://127.0.0.1:" + port + "/hooks/" + name;
    }

    /** The next {@code times} calls of {@code method} (e.g. chat.postMessage) answer {@code status}. */
    public synchronized void failNext(String method, int times, int status, Map<String, String> headers) {
        Deque<Scripted> q = scripts.computeIfAbsent(method, k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(new Scripted(status, headers, "{\"ok\":false,\"error\":\"" + (status == 429 ? "ratelimited"
                    : "internal_error") + "\"}"));
        }
    }

    /** Pretends a message was posted earlier (by a process that died before recording it). */
    public Posted seedPosted(String channel, String text, String dedupKey) {
        Posted p = new Posted(channel, text, nextTs(), dedupKey, null);
        posted.add(p);
        return p;
    }

    /** users.info answers {@code is_admin} ("admin") or {@code is_owner} ("owner") for this user; others neither. */
    public void role(String userId, String role) {
        workspaceRoles.put(userId, role);
    }

    /** users.conversations answers these channels for this user. */
    public void memberOf(String userId, String... channels) {
        memberships.put(userId, List.of(channels));
    }

    /** Pretends a file was shared earlier (by a process that died before recording it). */
    public Shared seedShared(String channel, String fileId) {
        Shared s = new Shared(channel, fileId, "seeded", nextTs());
        shared.add(s);
        return s;
    }

    public List<Shared> shared(String channel) {
        return shared.stream().filter(s -> s.channel().equals(channel)).collect(Collectors.toList());
    }

    /** The bytes uploaded for a file id (to the URL files.getUploadURLExternal gave), or null. */
    public byte[] uploaded(String fileId) {
        return uploads.get(fileId);
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).collect(Collectors.toList());
    }

    public List<Posted> posted(String channel) {
        return posted.stream().filter(p -> p.channel().equals(channel)).collect(Collectors.toList());
    }

    public List<Posted> postedWithKey(String dedupKey) {
        return posted.stream().filter(p -> dedupKey.equals(p.dedupKey())).collect(Collectors.toList());
    }

    private String nextTs() {
        long n = seq.incrementAndGet();
        return (n / 1000) + "." + String.format("%06d", n % 1000);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        if (path.startsWith("/upload/")) {
            uploads.put(path.substring("/upload/".length()), raw);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Map<String, String> form = form(headers.getOrDefault("content-type", ""), body);
        calls.add(new Call(path, headers, body, form, System.nanoTime()));
        String method = path.startsWith("/api/") ? path.substring(5) : path;
        Scripted s;
        synchronized (this) {
            Deque<Scripted> q = scripts.get(method);
            s = q == null ? null : q.poll();
        }
        if (s != null) {
            respond(ex, s.status(), s.headers(), s.body());
            return;
        }
        ObjectNode out = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "chat.postMessage" -> {
                String dedup = null;
                if (form.get("metadata") != null) {
                    JsonNode md = JSON.readTree(form.get("metadata"));
                    dedup = md.path("event_payload").path("dedup_key").asText(null);
                }
                Posted p = new Posted(form.get("channel"), form.get("text"), nextTs(), dedup, form.get("blocks"));
                posted.add(p);
                out.put("channel", p.channel()).put("ts", p.ts());
                out.putObject("message").put("text", p.text()).put("ts", p.ts());
            }
            case "conversations.history" -> {
                ArrayNode messages = out.putArray("messages");
                for (Posted p : posted) {
                    if (p.channel().equals(form.get("channel"))) {
                        ObjectNode m = messages.addObject().put("type", "message").put("text", p.text())
                                .put("ts", p.ts());
                        if (p.dedupKey() != null) {
                            m.putObject("metadata").put("event_type", "tokenwise_post").putObject("event_payload")
                                    .put("dedup_key", p.dedupKey());
                        }
                    }
                }
                for (Shared sh : shared) {
                    if (sh.channel().equals(form.get("channel"))) {
                        ObjectNode m = messages.addObject().put("type", "message").put("text", "").put("ts", sh.ts());
                        m.putArray("files").addObject().put("id", sh.fileId()).put("title", sh.title());
                    }
                }
                out.put("has_more", false);
            }
            case "files.getUploadURLExternal" -> {
                String id = "F0FAKE" + fileSeq.incrementAndGet();
                out.put("upload_url", "http://127.0.0.1:" + port + "/upload/" + id).put("file_id", id);
            }
            case "files.completeUploadExternal" -> {
                JsonNode files = JSON.readTree(form.getOrDefault("files", "[]"));
                ArrayNode outFiles = out.putArray("files");
                for (JsonNode f : files) {
                    shared.add(new Shared(form.get("channel_id"), f.path("id").asText(), f.path("title").asText(null),
                            nextTs()));
                    outFiles.addObject().put("id", f.path("id").asText()).put("title", f.path("title").asText(""));
                }
            }
            case "chat.update" -> out.put("channel", form.get("channel")).put("ts", form.get("ts"));
            case "chat.postEphemeral" -> out.put("message_ts", nextTs());
            case "auth.test" -> out.put("user_id", BOT_USER).put("bot_id", "B0TOKENWISE").put("team_id", "T0TEST");
            case "views.open" -> out.putObject("view").put("id", "V" + seq.incrementAndGet()).put("type", "modal");
            case "users.info" -> {
                String role = workspaceRoles.getOrDefault(form.get("user"), "member");
                out.putObject("user").put("id", form.get("user")).put("is_admin", role.equals("admin"))
                        .put("is_owner", role.equals("owner")).put("is_primary_owner", false).put("deleted", false);
            }
            case "users.conversations" -> {
                ArrayNode channels = out.putArray("channels");
                memberships.getOrDefault(form.get("user"), List.of())
                        .forEach(c -> channels.addObject().put("id", c).put("is_channel", true));
                out.putObject("response_metadata").put("next_cursor", "");
            }
            default -> {
                // views.publish, response_url hooks: all fine.
            }
        }
        respond(ex, 200, Map.of(), out.toString());
    }

    private static void respond(HttpExchange ex, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    private static Map<String, String> form(String contentType, String body) {
        Map<String, String> map = new LinkedHashMap<>();
        if (contentType.startsWith("application/json")) {
            try {
                JSON.readTree(body).fields().forEachRemaining(e -> map.put(e.getKey(),
                        e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            } catch (IOException e) {
                // Not JSON: leave empty.
            }
            return map;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.put(k, v);
        }
        return map;
    }

    public List<String> paths() {
        return new ArrayList<>(calls.stream().map(Call::path).toList());
    }
}
