package dev.tokenwise.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies GitHub's {@code X-Hub-Signature-256} header: {@code sha256=} followed by the hex HMAC-SHA256 of the
 * raw request body under the webhook secret. Works on the bytes exactly as received (before any parsing) and
 * compares in constant time.
 */
public final class GitHubSignature {

    private static final String PREFIX = "sha256=";

    private final Mac prototype;

    public GitHubSignature(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            prototype = mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The header value GitHub would send for {@code body}. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac().doFinal(body));
    }

    /** True when {@code header} is a well-formed signature of {@code body}; false for null or malformed. */
    public boolean verify(byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // isEqual runs in time independent of where the first difference is (and of content for equal lengths).
        return MessageDigest.isEqual(mac().doFinal(body), presented);
    }

    private Mac mac() {
        try {
            // Mac is not thread-safe: a clone per call of the initialised prototype is cheap and lock-free.
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
