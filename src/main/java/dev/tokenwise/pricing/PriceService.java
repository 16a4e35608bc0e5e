package dev.tokenwise.pricing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.tokenwise.audit.AuditLog;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/** Admin changes to the price table; audited, and announced as {@link PricesChanged}. */
@ApplicationScoped
public class PriceService {

    private final EntityManager em;
    private final PriceBook book;
    private final AuditLog audit;
    private final Event<PricesChanged> changed;
    private final Clock clock;

    public PriceService(EntityManager em, PriceBook book, AuditLog audit, Event<PricesChanged> changed, Clock clock) {
        this.em = em;
        this.book = book;
        this.audit = audit;
        this.changed = changed;
        this.clock = clock;
    }

    public List<ModelPrice> all() {
        return book.all();
    }

    @Transactional
    public ModelPrice put(String rawModel, PriceAdminResource.PriceUpdate u, String actor) {
        String model = rawModel == null ? "" : rawModel.trim().toLowerCase(Locale.ROOT);
        if (model.isEmpty() || model.length() > 200) {
            throw ProblemException.badRequest("The model name must have 1 to 200 characters.",
                    List.of(new Problem.Violation(null, "model", "must have 1 to 200 characters")));
        }
        LocalDate from = u.effectiveFrom() != null ? u.effectiveFrom() : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Price.Key key = new Price.Key();
        key.model = model;
        key.effectiveFrom = from;
        Price p = em.find(Price.class, key);
        ModelPrice before = p == null ? null : view(p);
        if (p == null) {
            p = new Price();
            p.model = model;
            p.effectiveFrom = from;
        }
        p.input = u.input();
        p.cachedInput = u.cachedInput();
        p.cacheWrite = u.cacheWrite();
        p.output = u.output();
        em.persist(p);
        ModelPrice after = view(p);
        audit.record(actor, "price.put", "price/" + model + "@" + from, before, after);
        changed.fire(new PricesChanged(model, from));
        return after;
    }

    private static ModelPrice view(Price p) {
        return new ModelPrice(p.model, p.input, p.cachedInput, p.cacheWrite, p.output, p.effectiveFrom);
    }
}
