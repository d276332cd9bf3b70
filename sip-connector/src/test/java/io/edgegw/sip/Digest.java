package io.edgegw.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A user agent's side of SIP digest authentication (RFC 2617, MD5, qop=auth), written apart from the proxy's. */
final class Digest {
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    private Digest() {
    }

    /** The nonce of a 407's Proxy-Authenticate. */
    static String nonceOf(RawSip.Received challenge) {
        Matcher m = NONCE.matcher(challenge.header("Proxy-Authenticate"));
        if (!m.find()) {
            throw new AssertionError("no nonce in\n" + challenge.text());
        }
        return m.group(1);
    }

    /** A Proxy-Authorization header line for {@code method} on {@code uri}. */
    static String authorization(String user, String realm, String password, String method, String uri, String nonce,
                                String nc) {
        String cnonce = "0a4f113b";
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Proxy-Authorization: Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=" + nc
                + ", cnonce=\"" + cnonce + "\"";
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
