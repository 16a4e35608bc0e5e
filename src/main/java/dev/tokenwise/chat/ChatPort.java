package dev.tokenwise.chat;

import java.time.Instant;

/**
 * The one path by which the service talks to a chat workspace. Implementations: the Slack package's
 * {@code SlackChatAdapter} (chat.postMessage / chat.update through SLACK_API_URL) and {@link ConsoleChatAdapter}
 * (logs; used when SLACK_BOT_TOKEN is unset). Features never call it directly to post: they enqueue into the
 * outbox, whose sender calls {@link #post(ChatMessage, String)} after commit.
 */
public interface ChatPort {

    /** Event type of the message metadata that marks our posts (Slack message metadata). */
    String METADATA_EVENT_TYPE = "tokenwise_post";

    /**
     * Posts a message. {@code dedupKey} (may be null) travels as message metadata
     * ({@code event_type=tokenwise_post, event_payload={dedup_key}}) so that {@link #findPosted} can later tell
     * whether an attempt whose outcome was lost actually reached the channel.
     */
    PostResult post(ChatMessage message, String dedupKey);

    default PostResult post(ChatMessage message) {
        return post(message, null);
    }

    /** Replaces the text and blocks of a message this app posted earlier ({@code ts} from its post). */
    PostResult update(String channel, String ts, ChatMessage message);

    /** Looks in the channel's history since {@code since} for a message posted with {@code dedupKey}. */
    LookupResult findPosted(String channel, String dedupKey, Instant since);

    /**
     * Uploads a file without sharing it anywhere yet (Slack: files.getUploadURLExternal, then the bytes to the URL it
     * gives). On success {@link PostResult#ts()} is the file's id. Harmless to repeat: an unshared upload shows
     * nowhere.
     */
    PostResult upload(ChatFile file);

    /**
     * Shares an uploaded file into a channel (Slack: files.completeUploadExternal with {@code channel_id}). This is the
     * step that must happen once; when its outcome is unknown, look with {@link #findShared} before repeating it.
     */
    PostResult share(String channel, String fileId, String title);

    /** Looks in the channel's history since {@code since} for the message that shared the file {@code fileId}. */
    LookupResult findShared(String channel, String fileId, Instant since);

    /** True for the console adapter (nothing leaves the process). */
    boolean isConsole();
}
