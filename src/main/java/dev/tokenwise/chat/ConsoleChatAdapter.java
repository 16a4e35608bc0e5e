package dev.tokenwise.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * The chat adapter when SLACK_BOT_TOKEN is unset: every message is written to the log (and stays in the outbox,
 * visible through {@code GET /api/admin/outbox}), so the whole product runs without Slack. Files (the digest's chart)
 * are written under a directory ({@code tokenwise.chat.files-dir}, default {@code ./data/charts}) by their name, which
 * is the outbox entry's.
 */
public class ConsoleChatAdapter implements ChatPort {

    private static final Logger LOG = Logger.getLogger(ConsoleChatAdapter.class);
    private final AtomicLong seq = new AtomicLong();
    private final Path filesDir;

    public ConsoleChatAdapter(Path filesDir) {
        this.filesDir = filesDir;
    }

    @Override
    public PostResult upload(ChatFile file) {
        try {
            Files.createDirectories(filesDir);
            Path target = filesDir.resolve(file.filename());
            Path tmp = filesDir.resolve(file.filename() + ".tmp");
            Files.write(tmp, file.content());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("[console chat] file %s written (%d bytes)", target, file.content().length);
            return PostResult.posted(target.toString());
        } catch (IOException e) {
            return PostResult.failed("io: " + e.getClass().getSimpleName(), true);
        }
    }

    @Override
    public PostResult share(String channel, String fileId, String title) {
        LOG.infof("[console chat] share %s to %s: %s", fileId, channel, title);
        return PostResult.posted(fileId);
    }

    @Override
    public LookupResult findShared(String channel, String fileId, Instant since) {
        return LookupResult.notFound();
    }

    @Override
    public PostResult post(ChatMessage message, String dedupKey) {
        String ts = "console-" + seq.incrementAndGet();
        LOG.infof("[console chat] post to %s (%s):%n%s", message.channel(), dedupKey, message.text());
        return PostResult.posted(ts);
    }

    @Override
    public PostResult update(String channel, String ts, ChatMessage message) {
        LOG.infof("[console chat] update %s in %s:%n%s", ts, channel, message.text());
        return PostResult.posted(ts);
    }

    @Override
    public LookupResult findPosted(String channel, String dedupKey, Instant since) {
        // Note: the log is not searchable; a message whose outcome was lost is logged again, which is harmless.
        return LookupResult.notFound();
    }

    @Override
    public boolean isConsole() {
        return true;
    }
}
