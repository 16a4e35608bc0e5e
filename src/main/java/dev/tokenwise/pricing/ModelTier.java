package dev.tokenwise.pricing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A priced model's tier (docs/contract.md §7.8): routing advice compares premium spend with a cheaper target. */
public enum ModelTier {
    PREMIUM,
    STANDARD,
    ECONOMY;

    public static final List<String> NAMES = Arrays.stream(values()).map(ModelTier::id).toList();

    /** The name in JSON and in the price table: {@code premium}, {@code standard}, {@code economy}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ModelTier> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
