package dev.tokenwise.gitlab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret GitLab sends as {@code X-Gitlab-Token} (a plain token, not an HMAC of the body). Both sides are
 * hashed before the constant-time comparison, so neither the content nor the length of the secret leaks through the
 * time an answer takes.
 */
final class GitLabToken {

    private final byte[] expected;

    GitLabToken(String secret) {
        this.expected = sha256(secret);
    }

    boolean matches(String token) {
        return token != null && MessageDigest.isEqual(expected, sha256(token));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
