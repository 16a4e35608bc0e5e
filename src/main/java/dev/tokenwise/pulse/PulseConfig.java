package dev.tokenwise.pulse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Team pulse settings ({@code tokenwise.pulse.*}). */
@ConfigMapping(prefix = "tokenwise.pulse")
public interface PulseConfig {

    /**
     * How often due pulses are queued and closed weeks' answer tokens deleted (a duration such as {@code 5m}, or
     * {@code off}). A pulse goes out at most this long after its team's pulse time.
     */
    @WithDefault("5m")
    String every();
}
