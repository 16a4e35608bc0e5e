package dev.tokenwise.pricing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.tokenwise.common.db.Db;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The effective-dated price table, held in memory (it is small and read on every ingested event).
 * Reloaded after a local change commits and every minute, so replicas pick up each other's changes.
 */
@ApplicationScoped
public class PriceBook {

    // Provider prefixes and version suffixes that vendors and gateways add around the same model.
    private static final Pattern BEDROCK_PREFIX = Pattern.compile("^([a-z]{2}\\.)?anthropic\\.");
    private static final Pattern SUFFIXES = Pattern.compile(
            "(-v\\d+(:\\d+)?|@\\d{8}|-\\d{8}|-\\d{4}-\\d{2}-\\d{2}|-latest|-preview(-\\d{2}-\\d{4})?)+$");

    private final Db db;
    private final PriceRepository repository;
    private volatile Map<String, List<ModelPrice>> byModel = Map.of();

    public PriceBook(Db db, PriceRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    // Note: before every other start-up observer (demo seeding, catch-up digests) prices anything.
    void onStart(@Observes @Priority(1) StartupEvent ev) {
        reload();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) PricesChanged ev) {
        reload();
    }

    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        Map<String, List<ModelPrice>> next = new HashMap<>();
        for (ModelPrice p : db.transaction(repository::all)) {
            next.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
        }
        next.values().forEach(l -> l.sort(Comparator.comparing(ModelPrice::effectiveFrom)));
        byModel = Map.copyOf(next);
    }

    /** All prices, newest first per model, for the admin API. */
    public List<ModelPrice> all() {
        return byModel.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(ModelPrice::model).thenComparing(ModelPrice::effectiveFrom,
                        Comparator.reverseOrder()))
                .toList();
    }

    /** The price of a model in force at an instant; empty when the model is unknown (cost 0, flagged). */
    public Optional<ModelPrice> priceAt(String model, Instant at) {
        String key = resolve(model);
        if (key == null) {
            return Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        ModelPrice found = null;
        for (ModelPrice p : byModel.get(key)) {
            if (!p.effectiveFrom().isAfter(day)) {
                found = p;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * A model's tier (docs/contract.md §7.8): that of its newest price row with a tier; empty when the model is
     * unknown or not tiered.
     */
    public Optional<String> tierOf(String model) {
        String key = resolve(model);
        if (key == null) {
            return Optional.empty();
        }
        String tier = null;
        for (ModelPrice p : byModel.get(key)) {
            if (p.tier() != null) {
                tier = p.tier();
            }
        }
        return Optional.ofNullable(tier);
    }

    /**
     * The price-table key a reported model name stands for: exact, then without provider prefix and version
     * suffix ({@code anthropic/claude-sonnet-4-5-20250929} → {@code claude-sonnet-4-5}), then the longest known
     * model the name extends with a dash. Null when nothing matches.
     */
    public String resolve(String model) {
        if (model == null) {
            return null;
        }
        Map<String, List<ModelPrice>> table = byModel;
        String m = model.trim().toLowerCase(Locale.ROOT);
        if (table.containsKey(m)) {
            return m;
        }
        m = m.substring(m.lastIndexOf('/') + 1);
        m = BEDROCK_PREFIX.matcher(m).replaceFirst("");
        m = SUFFIXES.matcher(m).replaceFirst("");
        if (table.containsKey(m)) {
            return m;
        }
        String best = null;
        for (String known : table.keySet()) {
            if (m.startsWith(known + "-") && (best == null || known.length() > best.length())) {
                best = known;
            }
        }
        return best;
    }
}
