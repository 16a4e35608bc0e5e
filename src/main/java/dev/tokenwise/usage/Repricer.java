package dev.tokenwise.usage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.Rows;
import dev.tokenwise.pricing.ModelPrice;
import dev.tokenwise.pricing.PriceBook;
import dev.tokenwise.pricing.PricesChanged;

/**
 * After an admin price change commits, re-prices the events that were priced from the table (never vendor-reported
 * costs) from the change's effective date on, as far back as raw events are kept, and moves the difference into
 * the rollups. Older periods keep the cost they had: their raw events are gone. Events of a model that was
 * unknown until now (cost 0, flagged) get priced too. Runs in pages, each its own transaction.
 */
@ApplicationScoped
public class Repricer {

    private static final Logger LOG = Logger.getLogger(Repricer.class);
    private static final int PAGE = 2000;

    private final Db db;
    private final PriceBook prices;
    private final RollupUpserts upserts;
    private final RetentionJob retention;

    public Repricer(Db db, PriceBook prices, RollupUpserts upserts, RetentionJob retention) {
        this.db = db;
        this.prices = prices;
        this.upserts = upserts;
        this.retention = retention;
    }

    // Note: a later priority than PriceBook's own observer, which reloads the table first.
    void onPricesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(5000) PricesChanged ev) {
        try {
            long n = reprice(ev.model(), ev.effectiveFrom().atStartOfDay(ZoneOffset.UTC).toInstant());
            if (n > 0) {
                LOG.infof("repriced %d usage events of %s from %s", n, ev.model(), ev.effectiveFrom());
            }
        } catch (RuntimeException e) {
            LOG.error("repricing after a price change of " + ev.model() + " failed", e);
        }
    }

    /** Re-prices the table-priced events of a price-table model from an instant on; returns the events changed. */
    public long reprice(String model, Instant from) {
        Instant since = from.isAfter(retention.cutoff()) ? from : retention.cutoff();
        TreeSet<String> names = new TreeSet<>();
        names.add(model);
        // Events of a then-unknown model were stored under their reported name; find those that now resolve here.
        db.each("SELECT DISTINCT model FROM usage_hourly WHERE unpriced_events > 0", rs -> {
            if (model.equals(prices.resolve(rs.getString(1)))) {
                names.add(rs.getString(1));
            }
        });
        long changed = 0;
        for (String name : names) {
            long[] after = { 0 };
            do {
                changed += db.newTransaction(() -> page(name, model, since, after));
            } while (after[0] > 0);
        }
        return changed;
    }

    /** One page of events by id; {@code cursor[0]} is the last id read, 0 when done. Returns events changed. */
    private int page(String name, String model, Instant since, long[] cursor) {
        List<RollupMoves.Move> moves = new ArrayList<>();
        int[] read = { 0 };
        long[] last = { cursor[0] };
        db.each("SELECT id, occurred_at, team_id, repo, workflow, tool, "
                + "input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, "
                + "priced, session_id, pull_request, bucket_start FROM usage_event WHERE model = ? "
                + "AND cost_reported = FALSE "
                + "AND occurred_at >= ? AND id > ? ORDER BY id LIMIT " + PAGE, rs -> {
                    read[0]++;
                    last[0] = rs.getLong(1);
                    Instant at = Rows.instant(rs, 2);
                    Integer pr = Rows.intOrNull(rs, 15);
                    Instant bucket = RollupMoves.storedBucket(Rows.instant(rs, 16), at);
                    UsageEvent old = new UsageEvent(null, at, bucket, rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), name, rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                            rs.getLong(11), rs.getDouble(12), false, rs.getBoolean(13), rs.getString(14), pr, null,
                            "reprice");
                    Optional<ModelPrice> price = prices.priceAt(model, at);
                    double cost = price.map(p -> p.cost(old.inputTokens(), old.cachedInputTokens(),
                            old.cacheWriteTokens(), old.outputTokens())).orElse(0d);
                    UsageEvent now = new UsageEvent(null, at, bucket, old.teamId(), old.repo(), old.workflow(),
                            old.tool(), price.isPresent() ? model : name, old.inputTokens(), old.cachedInputTokens(),
                            old.cacheWriteTokens(), old.outputTokens(), old.reasoningTokens(), cost, false,
                            price.isPresent(), old.sessionId(), old.pullRequest(), null, "reprice");
                    if (now.costUsd() != old.costUsd() || now.priced() != old.priced()
                            || !now.model().equals(old.model())) {
                        moves.add(new RollupMoves.Move(last[0], old, now));
                    }
                }, name, since, cursor[0]);
        cursor[0] = read[0] < PAGE ? 0 : last[0];
        // A row changed meanwhile (another replica repricing) is left to whoever changed it.
        RollupMoves.apply(db, upserts, "UPDATE usage_event SET cost_usd = ?, priced = ?, model = ? "
                + "WHERE id = ? AND cost_usd = ? AND model = ?",
                m -> new Object[] { m.after().costUsd(),
                        m.after().priced(), m.after().model(), m.id(), m.before().costUsd(), m.before().model() },
                moves);
        return moves.size();
    }
}
