package dev.tokenwise.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/** Admin changes to the price table; audited, and announced as {@link PricesChanged}. */
@ApplicationScoped
public class PriceService {

    /**
     * The highest price in USD per million tokens: a hundred times the dearest model's output price today, and
     * within the price columns (NUMERIC(12, 6)).
     */
    public static final BigDecimal MAX_PRICE = new BigDecimal("10000");
    /** The model column. */
    static final int MAX_MODEL = 200;
    /** A vendor's name (model_vendor.vendor). */
    static final java.util.regex.Pattern VENDOR = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final Db db;
    private final PriceRepository repository;
    private final PriceBook book;
    private final AuditLog audit;
    private final Event<PricesChanged> changed;
    private final Clock clock;

    public PriceService(Db db, PriceRepository repository, PriceBook book, AuditLog audit,
            Event<PricesChanged> changed, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.book = book;
        this.audit = audit;
        this.changed = changed;
        this.clock = clock;
    }

    public List<ModelPrice> all() {
        return book.all();
    }

    public ModelPrice put(String rawModel, PriceAdminResource.PriceUpdate u, String actor) {
        return db.transaction(() -> validateAndPut(rawModel, u, actor));
    }

    private ModelPrice validateAndPut(String rawModel, PriceAdminResource.PriceUpdate u, String actor) {
        String model = rawModel == null ? "" : rawModel.trim().toLowerCase(Locale.ROOT);
        List<Problem.Violation> errors = new ArrayList<>();
        if (model.isEmpty() || model.length() > MAX_MODEL) {
            errors.add(new Problem.Violation(null, "model", "must have 1 to " + MAX_MODEL + " characters"));
        } else if (InputLimits.hasControl(model)) {
            errors.add(new Problem.Violation(null, "model", "must not contain control characters (such as NUL)"));
        }
        price(errors, "input", u.input());
        price(errors, "cached_input", u.cachedInput());
        price(errors, "cache_write", u.cacheWrite());
        price(errors, "output", u.output());
        String vendor = u.vendor() == null ? null : u.vendor().trim().toLowerCase(Locale.ROOT);
        if (vendor != null && !VENDOR.matcher(vendor).matches()) {
            errors.add(new Problem.Violation(null, "vendor", "must be a vendor name such as anthropic, openai or "
                    + "google: 1 to 32 letters, digits or '-'"));
        }
        if (u.tier() != null && ModelTier.parse(u.tier()).isEmpty()) {
            errors.add(new Problem.Violation(null, "tier", "must be one of " + ModelTier.NAMES));
        }
        if (!InputLimits.inRange(u.effectiveFrom())) {
            errors.add(new Problem.Violation(null, "effective_from", InputLimits.TIME_RANGE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The price has " + errors.size() + " invalid field(s).", errors);
        }
        LocalDate from = u.effectiveFrom() != null ? u.effectiveFrom() : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        ModelPrice before = repository.find(model, from).orElse(null);
        if (vendor != null) {
            repository.saveVendor(model, vendor);
        }
        ModelPrice after = new ModelPrice(model, InputLimits.normalised(u.input()),
                InputLimits.normalised(u.cachedInput()), InputLimits.normalised(u.cacheWrite()),
                InputLimits.normalised(u.output()), from, vendor != null ? vendor
                        : repository.vendorOf(model)
                                .orElse(null),
                // A price without a tier keeps the model's tier so far (a new model has none).
                u.tier() != null ? ModelTier.parse(u.tier()).orElseThrow().id() : book.tierOf(model).orElse(null));
        repository.save(after, before != null);
        audit.record(actor, "price.put", "price/" + model + "@" + from, before, after);
        changed.fire(new PricesChanged(model, from));
        return after;
    }

    /** Required; from 0 to {@link #MAX_PRICE} with at most 6 decimals (the price columns are NUMERIC(12, 6)). */
    private static void price(List<Problem.Violation> errors, String field, BigDecimal v) {
        if (v == null) {
            errors.add(new Problem.Violation(null, field, "is required (USD per million tokens)"));
        } else {
            InputLimits.decimal(errors, field, v, BigDecimal.ZERO, false, MAX_PRICE, 6);
        }
    }
}
