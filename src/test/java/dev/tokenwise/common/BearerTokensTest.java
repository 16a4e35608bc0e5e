package dev.tokenwise.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tokenwise.common.security.BearerTokens;

class BearerTokensTest {

    @Test
    void aBareTokenTakesTheDefaultName() {
        BearerTokens t = BearerTokens.parse(Optional.of("s3cret"), "admin");
        assertEquals(Optional.of("admin"), t.match("s3cret"));
        assertTrue(t.match("s3cre").isEmpty());
        assertTrue(t.match(null).isEmpty());
    }

    @Test
    void namedTokensReportTheirName() {
        BearerTokens t = BearerTokens.parse(Optional.of("alice-laptop:aaa, ci:bbb"), "admin");
        assertEquals(Optional.of("alice-laptop"), t.match("aaa"));
        assertEquals(Optional.of("ci"), t.match("bbb"));
        assertTrue(t.match("ci:bbb").isEmpty());
    }

    @Test
    void anUnsetOrBlankValueAcceptsNothing() {
        assertTrue(BearerTokens.parse(Optional.empty(), "admin").isEmpty());
        assertTrue(BearerTokens.parse(Optional.of("  "), "admin").match("").isEmpty());
    }
}
