package dev.tokenwise.usage;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.privacy.Pseudonymizer;
import dev.tokenwise.pricing.ModelPrice;
import dev.tokenwise.pricing.PriceBook;

/**
 * Turns validated input of any source into a {@link UsageEvent}: resolves the team, decides the cost (reported,
 * else the price table at the event's time, else 0 and flagged as unpriced) and replaces the actor by its
 * pseudonym. The only place these rules live, so all sources agree.
 */
@ApplicationScoped
public class UsageEvents {

    /** Validated fields of one event as a source reported them; team, repo and tool already normalised. */
    public record Input(String eventKey, Instant occurredAt, String team, String repo, String workflow, String tool,
            String model, long inputTokens, long cachedInputTokens, long cacheWriteTokens, long outputTokens,
            long reasoningTokens, Double reportedCostUsd, String sessionId, Integer pullRequest, String actor,
            String source) {
    }

    private final TeamResolver teams;
    private final PriceBook prices;
    private final Pseudonymizer pseudonyms;

    public UsageEvents(TeamResolver teams, PriceBook prices, Pseudonymizer pseudonyms) {
        this.teams = teams;
        this.prices = prices;
        this.pseudonyms = pseudonyms;
    }

    public UsageEvent create(Input in) {
        String key = prices.resolve(in.model());
        String model = key != null ? key : in.model().trim().toLowerCase(Locale.ROOT);
        double cost;
        boolean reported = in.reportedCostUsd() != null;
        boolean priced = true;
        if (reported) {
            cost = in.reportedCostUsd();
        } else {
            Optional<ModelPrice> price = key == null ? Optional.empty() : prices.priceAt(key, in.occurredAt());
            priced = price.isPresent();
            cost = price.map(p -> p.cost(in.inputTokens(), in.cachedInputTokens(), in.cacheWriteTokens(),
                    in.outputTokens())).orElse(0d);
        }
        String team = teams.teamOf(in.team(), in.repo());
        Instant bucket = Rollups.bucketOf(in.occurredAt(), teams.zoneOf(team));
        return new UsageEvent(in.eventKey(), in.occurredAt(), bucket, team, in.repo(),
                in.workflow(), in.tool() == null ? "" : in.tool(), model, in.inputTokens(), in.cachedInputTokens(),
                in.cacheWriteTokens(), in.outputTokens(), in.reasoningTokens(), cost, reported, priced, in.sessionId(),
                in.pullRequest(), pseudonyms.pseudonym(in.actor()), in.source());
    }
}
