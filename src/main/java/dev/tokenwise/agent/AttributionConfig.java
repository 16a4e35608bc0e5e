package dev.tokenwise.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** AI attribution settings ({@code tokenwise.attribution.*}). */
@ConfigMapping(prefix = "tokenwise.attribution")
public interface AttributionConfig {

    /**
     * How often {@link AttributionRepair} checks the last two days' session commits again (a duration such as
     * {@code 10m}, or {@code off}).
     */
    @WithDefault("10m")
    String repairEvery();
}
