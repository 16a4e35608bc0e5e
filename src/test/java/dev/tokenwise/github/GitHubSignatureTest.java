package dev.tokenwise.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** GitHub's documented test vector ("Validating webhook deliveries"), see payloads/github/SOURCES.md §4. */
class GitHubSignatureTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String HEADER = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void matchesGitHubsDocumentedVector() {
        GitHubSignature signature = new GitHubSignature(SECRET);
        assertEquals(HEADER, signature.sign(BODY));
        assertTrue(signature.verify(BODY, HEADER));
    }

    @Test
    void refusesAnythingElse() {
        GitHubSignature signature = new GitHubSignature(SECRET);
        assertFalse(signature.verify("Hello, World!\n".getBytes(StandardCharsets.UTF_8), HEADER));
        assertFalse(new GitHubSignature("another secret").verify(BODY, HEADER));
        assertFalse(signature.verify(BODY, null));
        assertFalse(signature.verify(BODY, ""));
        assertFalse(signature.verify(BODY, HEADER.substring("sha256=".length())));
        assertFalse(signature.verify(BODY, "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        assertFalse(signature.verify(BODY, "sha256=not-hex"));
        assertFalse(signature.verify(BODY, "sha256=757107ea"));
    }
}
