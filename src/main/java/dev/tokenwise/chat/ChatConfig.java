package dev.tokenwise.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Chat adapter settings ({@code tokenwise.chat.*}). */
@ConfigMapping(prefix = "tokenwise.chat")
public interface ChatConfig {

    /**
     * Where the console adapter writes files (the digest's chart), each under its outbox entry's name
     * ({@code TOKENWISE_CHAT_FILES_DIR}); relative to the working directory, like the H2 database under {@code ./data}.
     */
    @WithDefault("data/charts")
    String filesDir();
}
