package io.edgegw.core.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A configured bearer token ({@code admin.token}, {@code admin.metricsToken}); empty means none is required. */
final class BearerToken {
    private final byte[] token;

    BearerToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    boolean isSet() {
        return token.length > 0;
    }

    /** Whether an {@code Authorization} header (null when absent) carries this token; constant time on the value. */
    boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }
}
