package dev.tokenwise.common.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.security.TokenwiseConfig;

/**
 * Turns a person's identifier (an actor, a PR author login) into a keyed pseudonym: HMAC-SHA256 under
 * {@code TOKENWISE_PSEUDONYM_KEY}, truncated to 128 bits. The raw identifier is never stored; the pseudonym is
 * used only to count distinct contributors. Without a configured key, one is generated once and kept in the
 * database, so pseudonyms stay stable across restarts and replicas.
 */
@ApplicationScoped
public class Pseudonymizer {

    private static final String SECRET_NAME = "pseudonym-key";

    @Inject
    TokenwiseConfig config;

    @Inject
    Db db;

    @Inject
    Clock clock;

    private Mac prototype;

    @PostConstruct
    void init() {
        String key = config.pseudonymKey().filter(k -> !k.isBlank())
                .orElseGet(() -> db.newTransaction(this::storedKey));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            prototype = mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The pseudonym of an identifier (trimmed, case-insensitive), or null for a blank one. */
    public String pseudonym(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            return null;
        }
        Mac mac;
        try {
            // Note: Mac is not thread-safe; a clone per call is cheap and avoids locking.
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        byte[] h = mac.doFinal(identifier.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 16);
    }

    String storedKey() {
        Optional<String> existing = secret();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = Base64.getEncoder().encodeToString(random);
        // Two replicas starting together: the second insert loses and re-reads the winner's key.
        int inserted = db.update("INSERT INTO app_secret (name, secret, created_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", SECRET_NAME, key, clock.instant());
        if (inserted == 1) {
            return key;
        }
        return secret().orElseThrow();
    }

    private Optional<String> secret() {
        return db.one("SELECT secret FROM app_secret WHERE name = ?", rs -> rs.getString(1), SECRET_NAME);
    }
}
