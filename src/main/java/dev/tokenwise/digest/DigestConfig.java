package dev.tokenwise.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Weekly digest settings ({@code tokenwise.digest.*}). */
@ConfigMapping(prefix = "tokenwise.digest")
public interface DigestConfig {

    /**
     * Keep the digest triggers paused: they are created and follow team changes, but never fire on their own.
     * Tests set it, so that a digest never fires in real time while they move the clock and call the job.
     */
    @WithDefault("false")
    boolean paused();
}
