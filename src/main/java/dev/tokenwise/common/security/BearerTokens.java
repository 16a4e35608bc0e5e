package dev.tokenwise.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set of named bearer tokens parsed from one configuration value ("token" or "name:token,name2:token2").
 * Comparison is constant-time over SHA-256 digests, so neither content nor length leaks through timing.
 */
public final class BearerTokens {

    private record Entry(String name, byte[] digest) {
    }

    private final List<Entry> entries;

    private BearerTokens(List<Entry> entries) {
        this.entries = entries;
    }

    public static BearerTokens parse(Optional<String> value, String defaultName) {
        List<Entry> entries = new ArrayList<>();
        value.map(String::trim).filter(v -> !v.isEmpty()).ifPresent(v -> {
            for (String part : v.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int colon = p.indexOf(':');
                if (colon > 0 && colon < p.length() - 1) {
                    entries.add(new Entry(p.substring(0, colon), sha256(p.substring(colon + 1))));
                } else {
                    entries.add(new Entry(defaultName, sha256(p)));
                }
            }
        });
        return new BearerTokens(List.copyOf(entries));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The name of the matching token, if any. Every entry is compared, so timing does not reveal which matched. */
    public Optional<String> match(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        String found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), digest) && found == null) {
                found = e.name();
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
