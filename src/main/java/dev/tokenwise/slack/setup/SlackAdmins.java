package dev.tokenwise.slack.setup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.slack.api.Slack;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;

import dev.tokenwise.slack.SlackSettings;

/**
 * Who may set teams up from Slack (docs/contract.md §4.1): the user ids of TOKENWISE_ADMINS, and the workspace's
 * admins and owners as {@code users.info} says ({@code is_admin}, {@code is_owner}, {@code is_primary_owner}). A
 * {@code users.info} answer is kept for {@code tokenwise.slack.admin-cache} (by the injected clock); a failed call
 * is not kept, and counts as "not an admin" (the safe side: the caller is told who can, and may try again).
 */
@ApplicationScoped
public class SlackAdmins {

    private static final Logger LOG = Logger.getLogger(SlackAdmins.class);
    /** Past this many cached answers, expired ones are dropped (a workspace's users, asked over time). */
    private static final int PRUNE_AT = 10_000;

    private record Known(boolean admin, Instant until) {
    }

    private final SlackSettings settings;
    private final Slack slack;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public SlackAdmins(SlackSettings settings, Slack slack, Clock clock) {
        this.settings = settings;
        this.slack = slack;
        this.clock = clock;
    }

    public boolean isAdmin(String userId) {
        if (userId == null || userId.isBlank()) {
            return false;
        }
        if (settings.adminIds().contains(userId)) {
            return true;
        }
        if (!settings.hasBotToken()) {
            return false;
        }
        Instant now = clock.instant();
        Known k = known.get(userId);
        if (k != null && now.isBefore(k.until())) {
            return k.admin();
        }
        try {
            UsersInfoResponse r = slack.methods(settings.botToken().orElseThrow()).usersInfo(q -> q.user(userId));
            if (!r.isOk() || r.getUser() == null) {
                LOG.warnf("users.info failed for an admin check: %s", r.getError());
                return false;
            }
            User u = r.getUser();
            boolean admin = !u.isDeleted() && (u.isAdmin() || u.isOwner() || u.isPrimaryOwner());
            if (known.size() >= PRUNE_AT) {
                known.values().removeIf(e -> !now.isBefore(e.until()));
            }
            known.put(userId, new Known(admin, now.plus(settings.adminCache())));
            return admin;
        } catch (Exception e) {
            LOG.warnf("users.info failed for an admin check: %s", e.getMessage());
            return false;
        }
    }

    /** The TOKENWISE_ADMINS user ids, sorted, for the answer that says who can. */
    public List<String> listed() {
        return settings.adminIds().stream().sorted().toList();
    }
}
