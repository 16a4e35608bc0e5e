package dev.tokenwise.github;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.team.TeamService;

/**
 * Takes a verified GitHub delivery (docs/contract.md §6): decides whether its event and action are used, records
 * its delivery id (a redelivery is answered {@code duplicate} and changes nothing), finds the team of its
 * repository and hands it to the {@link GitHubEventHandler} of its event, all in one transaction per delivery
 * (so a 2xx means committed, and a failed delivery leaves no trace and can be redelivered). {@code ping} is only
 * recorded.
 * <p>
 * The handlers merge records keyed by GitHub ids so that arrival order does not matter: immutable facts
 * (created_at, merged_at, author) are kept from whichever payload brings them first; changing state (labels,
 * title, closed_at) follows the payload with the newest {@code updated_at}; the review wait's start is the earliest
 * ready_for_review. Times always come from the payload.
 */
@ApplicationScoped
public class GitHubEventRouter {

    public enum Outcome {
        STORED,
        DUPLICATE,
        IGNORED
    }

    static final String PING = "ping";

    private final Map<String, GitHubEventHandler> handlers;
    private final DeliveryRepository deliveries;
    private final TeamService teams;
    private final Db db;
    private final Clock clock;

    public GitHubEventRouter(Instance<GitHubEventHandler> handlers, DeliveryRepository deliveries,
            TeamService teams, Db db, Clock clock) {
        Map<String, GitHubEventHandler> byEvent = new HashMap<>();
        for (GitHubEventHandler h : handlers) {
            if (byEvent.put(h.event(), h) != null) {
                throw new IllegalStateException("Two handlers of the GitHub event " + h.event());
            }
        }
        this.handlers = Map.copyOf(byEvent);
        this.deliveries = deliveries;
        this.teams = teams;
        this.db = db;
        this.clock = clock;
    }

    public Outcome handle(String deliveryId, String event, GitHubPayload p) {
        String action = p.action() == null ? "" : p.action();
        GitHubEventHandler handler = PING.equals(event) ? null : handlers.get(event);
        if (!PING.equals(event) && (handler == null || !handler.takes(action))) {
            return Outcome.IGNORED;
        }
        if (handler != null) {
            GitHubPayloadLimits.check(handler, p);
        }
        return db.retrying(() -> {
            if (!deliveries.firstTime(deliveryId, event, clock.instant())) {
                return Outcome.DUPLICATE;
            }
            if (handler == null) {
                return Outcome.STORED;
            }
            String repo = repo(p);
            String team = teams.teamOfRepo(repo).orElse(TeamService.UNASSIGNED);
            handler.handle(new GitHubEvent(action, repo, team, p));
            return Outcome.STORED;
        });
    }

    private static String repo(GitHubPayload p) {
        Payloads.require(p.repository() != null && p.repository().fullName() != null
                && TeamService.REPO.matcher(p.repository().fullName()).matches(), "repository.full_name",
                TeamService.REPO_MESSAGE);
        return p.repository().fullName().toLowerCase(Locale.ROOT);
    }
}
