package dev.tokenwise.slack.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.chat.ChatMessage;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.outbox.Outbox;
import dev.tokenwise.slack.render.CommandMessages;

/**
 * "Share in channel": replays the subcommand with the arguments carried by the button (absolute dates, so the
 * same question) and posts the answer in the channel through the outbox (kind {@code share}). The dedup key is
 * the ephemeral message the button sits on, so a double click shares once.
 */
@ApplicationScoped
public class ShareInChannelAction implements SlackActionHandler {

    private static final Pattern ID = Pattern.compile(Pattern.quote(TokenwiseCommandListener.SHARE_ACTION));

    private final TokenwiseCommandListener commands;
    private final Outbox outbox;
    private final Db db;

    public ShareInChannelAction(TokenwiseCommandListener commands, Outbox outbox, Db db) {
        this.commands = commands;
        this.outbox = outbox;
        this.db = db;
    }

    @Override
    public Pattern actionIdPattern() {
        return ID;
    }

    @Override
    public ActionReply handle(ActionInput in) {
        if (in.channelId() == null || in.value() == null || in.value().isBlank()) {
            return ActionReply.ephemeral("I can't tell which channel to share in. Please run the command again.");
        }
        CommandAnswer a = commands.answer(in.value(), in.userId(), in.channelId());
        if (!a.isShareable()) {
            // The figures can no longer be shown (team removed, now withheld): say why instead of sharing.
            return ActionReply.ephemeral(a.text());
        }
        ChatMessage message = CommandMessages.shared(a.text(), a.blocks(), in.userId(), in.value().split("\\s+")[0])
                .toChat(in.channelId());
        // Note: message_ts identifies the ephemeral answer; every click has a new trigger_id, so that is only
        // the fallback when Slack sends no container.
        String origin = in.messageTs() != null ? in.messageTs() : in.triggerId();
        String key = "share:" + in.channelId() + ":" + origin + ":" + shortHash(in.value());
        boolean queued = db.newTransaction(() -> outbox.enqueue(key, a.teamId(), "share", message));
        return ActionReply.ephemeral(queued ? ":white_check_mark: Shared in this channel."
                : "Already shared in this channel.");
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
