package dev.tokenwise.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the alert evaluation (thresholds themselves are admin settings: PUT /api/admin/settings). */
@ConfigMapping(prefix = "tokenwise.alerts")
public interface AlertsConfig {

    /** How often the evaluation runs (Quarkus duration such as {@code 5m}); {@code off} disables the schedule. */
    @WithDefault("5m")
    String every();

    /**
     * Days of the month that must have elapsed before a "forecast over 100 %" alert: on the 1st, a busy morning
     * extrapolates to an absurd month, and an alert about it would be noise.
     */
    @WithDefault("3")
    double forecastMinDays();

    /** How many models, repositories and sessions a spike alert names. */
    @WithDefault("3")
    int contextTop();

    /** How far back {@code /tokenwise spikes} looks, in days. */
    @WithDefault("7")
    int recentDays();
}
