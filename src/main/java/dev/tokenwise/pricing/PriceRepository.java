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
    private static final String SELECT = "SELECT p.model, p.input, p.cached_input, p.cache_write, p.output, "
            + "p.effective_from, v.vendor, p.tier FROM price p LEFT JOIN model_vendor v ON v.model = p.model";
    private static final RowMapper<ModelPrice> PRICE = rs -> new ModelPrice(rs.getString(1), Rows.decimal(rs, 2),
            Rows.decimal(rs, 3), Rows.decimal(rs, 4), Rows.decimal(rs, 5), Rows.date(rs, 6), rs.getString(7),
            rs.getString(8));

    private final Db db;

    public PriceRepository(Db db) {
        this.db = db;
    }

    /** Every row, in no particular order. */
    List<ModelPrice> all() {
        return db.list(SELECT, PRICE);
    }

    Optional<ModelPrice> find(String model, LocalDate effectiveFrom) {
        return db.one(SELECT + " WHERE p.model = ? AND p.effective_from = ?", PRICE, model, effectiveFrom);
    }

    /** The model's vendor, when recorded. */
    Optional<String> vendorOf(String model) {
        return db.one("SELECT vendor FROM model_vendor WHERE model = ?", rs -> rs.getString(1), model);
    }

    /** Records which vendor sells the model. */
    void saveVendor(String model, String vendor) {
        if (db.update("UPDATE model_vendor SET vendor = ? WHERE model = ?", vendor, model) == 0) {
            db.update("INSERT INTO model_vendor (model, vendor) VALUES (?, ?)", model, vendor);
        }
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
