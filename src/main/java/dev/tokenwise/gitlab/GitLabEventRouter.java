package dev.tokenwise.gitlab;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.github.DeliveryRepository;
import dev.tokenwise.github.GitHubEventRouter.Outcome;
import dev.tokenwise.github.Payloads;
import dev.tokenwise.team.TeamService;

/**
 * Takes an authenticated GitLab delivery (docs/contract.md §6.5): decides whether its hook and action are used,
 * records its event UUID (a redelivery is answered {@code duplicate} and changes nothing), finds the team of its
 * project and hands it to the {@link GitLabHookHandler} of its hook, all in one transaction per delivery, exactly as
 * GitHub deliveries are taken. Delivery ids share GitHub's table under a {@code gitlab:} prefix.
 */
@ApplicationScoped
public class GitLabEventRouter {

    static final String DELIVERY_PREFIX = "gitlab:";

    private final Map<String, GitLabHookHandler> handlers;
    private final DeliveryRepository deliveries;
    private final TeamService teams;
    private final Db db;
    private final Clock clock;

    public GitLabEventRouter(Instance<GitLabHookHandler> handlers, DeliveryRepository deliveries, TeamService teams,
            Db db, Clock clock) {
        Map<String, GitLabHookHandler> byEvent = new HashMap<>();
        for (GitLabHookHandler h : handlers) {
            for (String event : h.events()) {
                if (byEvent.put(event, h) != null) {
                    throw new IllegalStateException("Two handlers of the GitLab hook " + event);
                }
            }
        }
        this.handlers = Map.copyOf(byEvent);
        this.deliveries = deliveries;
        this.teams = teams;
        this.db = db;
        this.clock = clock;
    }

    public Outcome handle(String deliveryId, String event, GitLabPayload p) {
        GitLabHookHandler handler = handlers.get(event);
        if (handler == null || !handler.takes(p)) {
            return Outcome.IGNORED;
        }
        GitLabPayloadLimits.check(handler, p);
        String repo = repo(p);
        return db.retrying(() -> {
            if (!deliveries.firstTime(DELIVERY_PREFIX + deliveryId, event, clock.instant())) {
                return Outcome.DUPLICATE;
            }
            String team = teams.teamOfRepo(repo).orElse(TeamService.UNASSIGNED);
            handler.handle(new GitLabEvent(repo, team, p));
            return Outcome.STORED;
        });
    }

    /**
     * {@code project.path_with_namespace}, lower case; job deliveries of older GitLab versions carry no project
     * object, only {@code repository.homepage} (the project's URL, whose path is the same key on an instance served
     * from its host's root).
     */
    static String repo(GitLabPayload p) {
        String path = p.project() != null ? p.project().pathWithNamespace() : null;
        String field = "project.path_with_namespace";
        if (path == null && p.repository() != null && p.repository().homepage() != null) {
            field = "repository.homepage";
            path = homepagePath(p.repository().homepage());
        }
        Payloads.require(path != null && TeamService.REPO.matcher(path).matches(), field, TeamService.REPO_MESSAGE);
        return path.toLowerCase(Locale.ROOT);
    }

    private static String homepagePath(String homepage) {
        try {
            String path = new URI(homepage).getPath();
            return path == null || path.length() < 2 ? null : path.substring(1);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
