package dev.tokenwise.usage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Ingest and storage settings ({@code tokenwise.ingest.*}, env {@code TOKENWISE_INGEST_RETENTION_DAYS}, ...). */
@ConfigMapping(prefix = "tokenwise.ingest")
public interface IngestConfig {

    /** Raw usage events older than this many days are deleted; rollups are kept. */
    @WithDefault("90")
    int retentionDays();

    /** How often the retention job runs. */
    @WithDefault("1h")
    Duration retentionEvery();

    /** Raw events deleted per retention transaction. */
    @WithDefault("5000")
    int retentionBatch();

    /** Writer threads of the group commit; one gives the largest groups (each replica still writes in parallel). */
    @WithDefault("1")
    int writers();

    /** Most events one group-commit transaction may hold. */
    @WithDefault("10000")
    int maxGroupEvents();
}
