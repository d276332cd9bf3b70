package io.edgegw.sip.proxy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The token the proxy signs into its Record-Route URI ({@code ;ec=...}): a truncated HMAC-SHA256 of the Call-ID, so
 * an in-dialog request whose Route names this proxy is relayed only for a call that was record-routed here (what
 * Kamailio's and OpenSIPS' signed Record-Route do). Only the Call-ID is signed: From and To tags swap places in
 * requests from the callee, the Call-ID does not. The key is {@code sip.routeSecret}, or random for the process when
 * unset (a restart then orphans the Route sets of calls still up).
 */
final class RouteToken {
    /** The Record-Route URI parameter carrying the token. */
    static final String PARAM = "ec";
    private static final int TOKEN_BYTES = 12; // 96 bits: far beyond guessing over the network
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    /** Mac is not thread-safe; one per thread instead of a lock on the message path. */
    private final ThreadLocal<Mac> macs;

    RouteToken(String secret) {
        byte[] k;
        if (secret == null || secret.isEmpty()) {
            k = new byte[32];
            new SecureRandom().nextBytes(k);
        } else {
            k = secret.getBytes(StandardCharsets.UTF_8);
        }
        key = new SecretKeySpec(k, "HmacSHA256");
        macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The token for this Call-ID. */
    String sign(String callId) {
        Mac m = macs.get();
        byte[] full = m.doFinal(String.valueOf(callId).getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(full, 0, TOKEN_BYTES);
    }

    /** True when {@code token} is this proxy's for this Call-ID (compared in constant time). */
    boolean valid(String callId, String token) {
        if (token == null || token.length() != TOKEN_BYTES * 2) {
            return false;
        }
        return MessageDigest.isEqual(sign(callId).getBytes(StandardCharsets.US_ASCII),
                token.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
