package dev.tokenwise.slack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.model.Message;

import dev.tokenwise.chat.ChatFile;
import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.chat.ChatPort;
import dev.tokenwise.chat.LookupResult;
import dev.tokenwise.chat.PostResult;

/**
 * Posts through the Slack Web API (chat.postMessage, chat.update, conversations.history) at SLACK_API_URL.
 * Slack reports most failures as {@code ok=false} with an error code, and only HTTP-level failures (429, 5xx) as
 * {@link SlackApiException}; both are turned into a {@link PostResult} the outbox sender can act on.
 */
public class SlackChatAdapter implements ChatPort {

    private static final Logger LOG = Logger.getLogger(SlackChatAdapter.class);
    /** Error codes that describe a passing condition on Slack's side: try again later. */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");
    /** Block errors: the blocks are dropped and the plain-text fallback is posted instead. */
    private static final Set<String> BLOCK_ERRORS = Set.of("invalid_blocks", "invalid_blocks_format",
            "msg_blocks_too_long");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    private static final int HISTORY_PAGES = 5;

    private final Slack slack;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    public SlackChatAdapter(Slack slack, String token, Duration timeout) {
        this.slack = slack;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public PostResult upload(ChatFile file) {
        PostResult r = call(() -> {
            FilesGetUploadURLExternalResponse res = methods().filesGetUploadURLExternal(b -> b
                    .filename(file.filename()).length(file.content().length).altTxt(file.altText()));
            if (!res.isOk()) {
                return fromError(res);
            }
            return send(res.getUploadUrl(), file.content(), res.getFileId());
        });
        // Note: an upload that is never shared shows nowhere, so one whose outcome is unknown is simply done again.
        return r.outcomeUnknown() ? PostResult.failed(r.error(), true) : r;
    }

    /** The upload itself: the bytes to the URL Slack gave; on success the result carries the file's id. */
    private PostResult send(String url, byte[] content, String fileId) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        HttpResponse<Void> res;
        try {
            res = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PostResult.failed("interrupted", true);
        }
        if (res.statusCode() == 429) {
            return PostResult.rateLimited(retryAfter(res.headers().firstValue("Retry-After").orElse(null)));
        }
        if (res.statusCode() / 100 != 2) {
            return PostResult.failed("upload http_" + res.statusCode(), res.statusCode() >= 500);
        }
        return PostResult.posted(fileId);
    }

    @Override
    public PostResult share(String channel, String fileId, String title) {
        return call(() -> {
            FilesCompleteUploadExternalResponse res = methods().filesCompleteUploadExternal(b -> b
                    .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder().id(fileId).title(title)
                            .build()))
                    .channelId(channel));
            return res.isOk() ? PostResult.posted(fileId) : fromError(res);
        });
    }

    @Override
    public LookupResult findShared(String channel, String fileId, Instant since) {
        return lookup(channel, since, m -> m.getFiles() != null
                && m.getFiles().stream().anyMatch(f -> fileId.equals(f.getId())));
    }

    @Override
    public PostResult post(ChatMessage message, String dedupKey) {
        PostResult r = postOnce(message, dedupKey, true);
        if (!r.ok() && BLOCK_ERRORS.contains(r.error()) && message.blocksJson() != null) {
            LOG.warnf("Slack refused the blocks of %s (%s); posting the text fallback", dedupKey, r.error());
            r = postOnce(message, dedupKey, false);
        }
        return r;
    }

    private PostResult postOnce(ChatMessage message, String dedupKey, boolean withBlocks) {
        return call(() -> {
            ChatPostMessageResponse res = methods().chatPostMessage(b -> {
                b.channel(message.channel()).text(message.text()).unfurlLinks(false).unfurlMedia(false);
                if (withBlocks && message.blocksJson() != null) {
                    b.blocksAsString(message.blocksJson());
                }
                if (dedupKey != null) {
                    b.metadata(new Message.Metadata(METADATA_EVENT_TYPE, Map.of("dedup_key", dedupKey)));
                }
                return b;
            });
            return res.isOk() ? PostResult.posted(res.getTs()) : fromError(res);
        });
    }

    @Override
    public PostResult update(String channel, String ts, ChatMessage message) {
        return call(() -> {
            ChatUpdateResponse res = methods().chatUpdate(b -> {
                b.channel(channel).ts(ts).text(message.text());
                if (message.blocksJson() != null) {
                    b.blocksAsString(message.blocksJson());
                }
                return b;
            });
            // Note: an update is idempotent, so an unknown outcome is simply retried.
            return res.isOk() ? PostResult.posted(res.getTs()) : fromError(res);
        });
    }

    @Override
    public LookupResult findPosted(String channel, String dedupKey, Instant since) {
        return lookup(channel, since, m -> {
            Message.Metadata md = m.getMetadata();
            return md != null && METADATA_EVENT_TYPE.equals(md.getEventType()) && md.getEventPayload() != null
                    && dedupKey.equals(String.valueOf(md.getEventPayload().get("dedup_key")));
        });
    }

    /** The first message of the channel's history since {@code since} that matches. */
    private LookupResult lookup(String channel, Instant since, Predicate<Message> matches) {
        String cursor = null;
        try {
            for (int page = 0; page < HISTORY_PAGES; page++) {
                String c = cursor;
                ConversationsHistoryResponse res = methods().conversationsHistory(b -> b.channel(channel)
                        .oldest(Long.toString(since.getEpochSecond())).includeAllMetadata(true).limit(200)
                        .cursor(c));
                if (!res.isOk()) {
                    return LookupResult.failed(res.getError(), TRANSIENT.contains(res.getError()));
                }
                if (res.getMessages() != null) {
                    for (Message m : res.getMessages()) {
                        if (matches.test(m)) {
                            return LookupResult.found(m.getTs());
                        }
                    }
                }
                cursor = res.getResponseMetadata() == null ? null : res.getResponseMetadata().getNextCursor();
                if (!res.isHasMore() || cursor == null || cursor.isEmpty()) {
                    return LookupResult.notFound();
                }
            }
            return LookupResult.notFound();
        } catch (SlackApiException e) {
            return LookupResult.failed("http_" + e.getResponse().code(), true);
        } catch (IOException e) {
            return LookupResult.failed("io: " + e.getClass().getSimpleName(), true);
        }
    }

    @Override
    public boolean isConsole() {
        return false;
    }

    private MethodsClient methods() {
        return slack.methods(token);
    }

    private interface SlackCall {
        PostResult run() throws IOException, SlackApiException;
    }

    private static PostResult call(SlackCall call) {
        try {
            return call.run();
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            if (code == 429) {
                return PostResult.rateLimited(retryAfter(e.getResponse().header("Retry-After")));
            }
            if (code >= 500) {
                // Note: a 5xx may come from a proxy after Slack accepted the message: outcome unknown.
                return PostResult.unknown("http_" + code);
            }
            return PostResult.failed("http_" + code, false);
        } catch (ConnectException | UnknownHostException e) {
            // Nothing was sent: the connection never opened.
            return PostResult.failed("io: " + e.getClass().getSimpleName(), true);
        } catch (IOException e) {
            return PostResult.unknown("io: " + e.getClass().getSimpleName());
        }
    }

    private static PostResult fromError(SlackApiTextResponse res) {
        String error = res.getError() == null ? "unknown_error" : res.getError();
        if ("ratelimited".equals(error)) {
            return PostResult.rateLimited(DEFAULT_RETRY_AFTER);
        }
        return PostResult.failed(error, TRANSIENT.contains(error));
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}
