package dev.tokenwise.outbox;

import java.time.Duration;

import org.jboss.logging.Logger;

import dev.tokenwise.chat.ChatFile;
import dev.tokenwise.chat.ChatPort;
import dev.tokenwise.chat.LookupResult;
import dev.tokenwise.chat.PostResult;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.outbox.OutboxRepository.Claimed;
import dev.tokenwise.outbox.OutboxRepository.FileState;

/**
 * The file step of a claimed message (the digest's chart), before the message itself, resumable at every step:
 * <ol>
 * <li>{@code new}: upload (harmless to repeat: an unshared upload shows nowhere), then record {@code uploaded} with
 * the file's id, so that a retry, a restart or another replica shares that same upload instead of uploading again;
 * <li>record {@code completing}, then share it into the channel; on success record {@code shared};
 * <li>a {@code completing} row (its outcome was lost: timeout, 5xx, a sender that died) first looks for the file in
 * the channel's history and shares it only when it is not there.
 * </ol>
 * Each record commits on its own and only while our claim holds ({@code claimed_by}), like the message's result.
 * Remaining window, as for messages: a history lookup refused for good shares again (logged).
 */
final class OutboxFiles {

    private static final Logger LOG = Logger.getLogger(OutboxFiles.class);
    private static final PostResult CLAIM_LOST = PostResult.failed("claim expired during the file step", true);

    private final Db db;
    private final OutboxRepository repository;
    private final ChatPort chat;

    OutboxFiles(Db db, OutboxRepository repository, ChatPort chat) {
        this.db = db;
        this.repository = repository;
        this.chat = chat;
    }

    /** Brings the row's file to {@code shared}; a failed result says why not (and whether to retry). */
    PostResult deliver(Claimed c, String owner) {
        FileState f = c.file();
        String state = f.state();
        String fileId = f.fileId();
        if ("shared".equals(state)) {
            return PostResult.posted(fileId);
        }
        if ("new".equals(state) || fileId == null) {
            PostResult up = chat.upload(new ChatFile(f.filename(), f.title(), f.altText(), f.content()));
            if (!up.ok()) {
                return up;
            }
            fileId = up.ts();
            if (!record(c, owner, "uploaded", fileId)) {
                return CLAIM_LOST;
            }
            state = "uploaded";
        }
        if ("completing".equals(state)) {
            LookupResult found = chat.findShared(c.channel(), fileId, c.createdAt().minus(Duration.ofMinutes(10)));
            if (found.status() == LookupResult.Status.FOUND) {
                LOG.infof("Outbox %s: its file was already shared; not sharing it again", c.dedupKey());
                return record(c, owner, "shared", fileId) ? PostResult.posted(fileId) : CLAIM_LOST;
            }
            if (found.status() == LookupResult.Status.FAILED) {
                if (found.retryable()) {
                    return PostResult.failed("history lookup: " + found.error(), true);
                }
                LOG.warnf("Outbox %s: cannot look up whether its file was shared (%s); sharing it again, which may "
                        + "show it twice", c.dedupKey(), found.error());
            }
        } else if (!record(c, owner, "completing", fileId)) {
            return CLAIM_LOST;
        }
        PostResult shared = chat.share(c.channel(), fileId, f.title());
        if (shared.ok()) {
            return record(c, owner, "shared", fileId) ? shared : CLAIM_LOST;
        }
        if (shared.outcomeUnknown()) {
            // Stays 'completing': the next attempt looks before it shares. Retried, but never as an unknown post.
            return PostResult.failed(shared.error(), true);
        }
        // Refused (rate limit, a bad channel): certainly not shared.
        record(c, owner, "uploaded", fileId);
        return shared;
    }

    private boolean record(Claimed c, String owner, String state, String fileId) {
        boolean ok = db.newTransaction(() -> repository.recordFile(c, owner, state, fileId));
        if (!ok) {
            LOG.warnf("Outbox %s: our claim expired before the file's state (%s) was recorded", c.dedupKey(), state);
        }
        return ok;
    }
}
