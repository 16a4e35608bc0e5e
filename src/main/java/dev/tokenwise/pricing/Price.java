package dev.tokenwise.pricing;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** USD per million tokens for a model, in force from {@code effectiveFrom} (00:00 UTC) until the next row. */
@Entity
@Table(name = "price")
@IdClass(Price.Key.class)
public class Price {

    @Id
    public String model;

    @Id
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    @Column(nullable = false)
    public BigDecimal input;

    @Column(name = "cached_input", nullable = false)
    public BigDecimal cachedInput;

    @Column(name = "cache_write", nullable = false)
    public BigDecimal cacheWrite;

    @Column(nullable = false)
    public BigDecimal output;

    public static class Key implements Serializable {
        public String model;
        public LocalDate effectiveFrom;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(model, k.model) && Objects.equals(effectiveFrom, k.effectiveFrom);
        }

        @Override
        public int hashCode() {
            return Objects.hash(model, effectiveFrom);
        }
    }
}
