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

    /**
     * Spend of past days (up to yesterday) is cached per team and local day; today is always read live. A late event
     * for one of the last 7 days reaches the alerts within this time (a rolling twelfth of the teams per run).
     */
    @WithDefault("1h")
    java.time.Duration dayCacheRefresh();

    /** The same for older days of the 28-day window and the month (a few teams per run). */
    @WithDefault("24h")
    java.time.Duration dayCacheFullRefresh();

    /** How many models, repositories and sessions a spike alert names. */
    @WithDefault("3")
    int contextTop();

    /** How far back {@code /tokenwise spikes} looks, in days. */
    @WithDefault("7")
    int recentDays();
}
