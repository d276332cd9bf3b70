package io.edgegw.sip.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Record-Route token: what survives a restart (a configured secret) and what does not (the random one). */
class RouteTokenTest {
    @Test
    void aConfiguredSecretSignsAlikeAcrossRestartsAndARandomOneDoesNot() {
        RouteToken before = new RouteToken("a-secret-of-16-chars-or-more");
        RouteToken after = new RouteToken("a-secret-of-16-chars-or-more");
        String token = before.sign("call-1@example");
        assertTrue(after.valid("call-1@example", token));
        assertTrue(after.valid("call-1@example", token.toUpperCase()), "hex is case-insensitive");
        assertFalse(after.valid("call-2@example", token), "a token is its Call-ID's only");
        assertFalse(new RouteToken("another-secret-of-16-chars").valid("call-1@example", token));
        assertFalse(new RouteToken(null).valid("call-1@example", new RouteToken(null).sign("call-1@example")));
        assertFalse(after.valid("call-1@example", token.substring(1)));
        assertFalse(after.valid("call-1@example", null));
        assertEquals(24, token.length());
        assertNotEquals(token, before.sign("call-2@example"));
    }
}
