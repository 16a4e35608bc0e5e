package dev.tokenwise.pricing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.db.RowMapper;
import dev.tokenwise.common.db.Rows;

/** The SQL of the {@code price} table: one row per model and {@code effective_from} day. */
@ApplicationScoped
public class PriceRepository {

    private static final String COLUMNS = "model, input, cached_input, cache_write, output, effective_from, tier";
    private static final RowMapper<ModelPrice> PRICE = rs -> new ModelPrice(rs.getString(1), Rows.decimal(rs, 2),
            Rows.decimal(rs, 3), Rows.decimal(rs, 4), Rows.decimal(rs, 5), Rows.date(rs, 6), rs.getString(7));

    private final Db db;

    public PriceRepository(Db db) {
        this.db = db;
    }

    /** Every row, in no particular order. */
    List<ModelPrice> all() {
        return db.list("SELECT " + COLUMNS + " FROM price", PRICE);
    }

    Optional<ModelPrice> find(String model, LocalDate effectiveFrom) {
        return db.one("SELECT " + COLUMNS + " FROM price WHERE model = ? AND effective_from = ?", PRICE, model,
                effectiveFrom);
    }

    /** Sets a model's prices from a day on: the row of that day is changed, or added. */
    void save(ModelPrice p, boolean exists) {
        if (exists) {
            db.update("UPDATE price SET input = ?, cached_input = ?, cache_write = ?, output = ?, tier = ? "
                    + "WHERE model = ? AND effective_from = ?", p.input(), p.cachedInput(), p.cacheWrite(), p.output(),
                    p.tier(), p.model(), p.effectiveFrom());
        } else {
            db.update("INSERT INTO price (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", p.model(), p.input(),
                    p.cachedInput(), p.cacheWrite(), p.output(), p.effectiveFrom(), p.tier());
        }
    }
}
