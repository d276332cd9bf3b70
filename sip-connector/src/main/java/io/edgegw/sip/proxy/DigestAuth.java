package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTenant;
import io.edgegw.sip.config.SipAuthConfig;
import io.edgegw.core.config.TenantConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.message.SipUri;

import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Digest authentication of tenants' INVITEs (RFC 3261 section 22.3, RFC 2617; MD5, qop=auth), as Kamailio's
 * proxy_authorize. Nonces are stateless: the time they were made and an HMAC of it under a key made at start, so a
 * challenge costs no memory and a nonce from before a restart is simply challenged again. A nonce older than
 * {@link #NONCE_LIFETIME_MILLIS} with the right digest is stale (challenged again with stale=true). A digest counts
 * only for the Request-URI it names, and once per nonce count ({@link NonceCounts}), so sniffed credentials cannot be
 * replayed. An unknown username is checked against a decoy password, at the same cost, and comes out as a wrong
 * password does: the answers do not tell which usernames exist.
 */
final class DigestAuth {
    static final long NONCE_LIFETIME_MILLIS = 30_000;
    private static final String ALGORITHM = "MD5";
    private static final String QOP = "auth";
    private static final int TIME_DIGITS = 12;
    private static final int MAC_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();

    /** Nonces tracked at once: calls placed with credentials within one nonce lifetime. */
    static final int MAX_NONCES = 200_000;

    enum Verdict {
        /** No credentials for our realms, or a nonce not ours: challenge. */
        MISSING,
        /** The right digest on a nonce too old: challenge with stale=true. */
        STALE,
        /** A wrong digest, or an unknown username (the same to the caller). */
        WRONG,
        /** The digest names another Request-URI than the request's. */
        URI_MISMATCH,
        /** The right digest with a nonce count used before: a replay, challenged again. */
        REPLAYED,
        OK
    }

    /** What the credentials of an INVITE came to; {@code tenantId} when they named a tenant, {@code username} as given. */
    record Outcome(Verdict verdict, String tenantId, String username) {
    }

    private record Credential(String tenantId, String username, String password, String realm) {
        @Override
        public String toString() {
            return username + "@" + realm + " (tenant " + tenantId + ")";
        }
    }

    private final Map<String, Credential> byUsername = new HashMap<>();
    private final Set<String> realms = new LinkedHashSet<>();
    private final SecretKeySpec key;
    private final LongSupplier clock;
    private final NonceCounts counts;
    /** Checked in place of a password for unknown usernames, so that they cost what a known one does. */
    private final String decoyPassword;

    /** @param defaultRealm the realm of tenants whose sipAuth names none (the proxy's host) */
    DigestAuth(List<TenantConfig> tenants, String defaultRealm, LongSupplier clock) {
        for (TenantConfig t : tenants) {
            SipAuthConfig a = SipTenant.of(t).sipAuth();
            if (a != null) {
                String realm = a.realm() == null ? defaultRealm : a.realm();
                byUsername.put(a.username(), new Credential(t.id(), a.username(), a.password(), realm));
                realms.add(realm);
            }
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        this.counts = new NonceCounts(MAX_NONCES, NONCE_LIFETIME_MILLIS, this::nonceAge);
        byte[] decoy = new byte[16];
        new SecureRandom().nextBytes(decoy);
        this.decoyPassword = HEX.formatHex(decoy);
    }

    /** True when some tenant has credentials: INVITEs from unknown addresses are then challenged, not refused. */
    boolean enabled() {
        return !byUsername.isEmpty();
    }

    /** True when the INVITE carries credentials for one of our realms. */
    boolean hasCredentials(SipRequest invite) {
        for (String value : invite.headers(ProxyAuthorizationHeader.NAME)) {
            if (realms.contains(DigestParams.parse(value).get("realm"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the INVITE's Proxy-Authorization for one of our realms. Every step before the verdict is the same for
     * a known and an unknown username, so neither the answer nor its time tells them apart.
     */
    Outcome check(SipRequest invite) {
        for (String value : invite.headers(ProxyAuthorizationHeader.NAME)) {
            DigestParams h = DigestParams.parse(value);
            if (!realms.contains(h.getRealm()) || !"Digest".equalsIgnoreCase(h.getScheme())) {
                continue;
            }
            if (h.getAlgorithm() != null && !ALGORITHM.equalsIgnoreCase(h.getAlgorithm())) {
                continue;
            }
            String nonce = h.getNonce();
            long age = nonceAge(nonce);
            if (age < 0) {
                return new Outcome(Verdict.MISSING, null, h.getUsername()); // not our nonce: a fresh challenge
            }
            Credential named = h.getUsername() == null ? null : byUsername.get(h.getUsername());
            boolean known = named != null && named.realm().equals(h.getRealm());
            String tenantId = known ? named.tenantId() : null;
            String password = known ? named.password() : decoyPassword;
            String qop = h.getParameter("qop");
            String uri = h.getParameter("uri");
            String expected = response(String.valueOf(h.getUsername()), h.getRealm(), password, invite.method(),
                    uri, nonce, h.getParameter("nc"), h.getParameter("cnonce"), qop);
            String given = h.getResponse();
            boolean right = expected != null && given != null && MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII),
                    given.toLowerCase().getBytes(StandardCharsets.US_ASCII)) && known;
            if (!sameUri(uri, invite.requestUriText())) {
                return new Outcome(Verdict.URI_MISMATCH, tenantId, h.getUsername());
            }
            if (!right) {
                return new Outcome(Verdict.WRONG, tenantId, h.getUsername());
            }
            if (age > NONCE_LIFETIME_MILLIS) {
                return new Outcome(Verdict.STALE, tenantId, h.getUsername());
            }
            if (!counts.advance(nonce, nonceCount(h.getParameter("nc"), qop))) {
                return new Outcome(Verdict.REPLAYED, tenantId, h.getUsername());
            }
            return new Outcome(Verdict.OK, tenantId, h.getUsername());
        }
        return new Outcome(Verdict.MISSING, null, null);
    }

    /** The digest's {@code nc} (8 hex digits); without qop (RFC 2069) a nonce is good once, as count 1. */
    private static long nonceCount(String nc, String qop) {
        if (qop == null) {
            return 1;
        }
        try {
            return nc == null || nc.length() != 8 ? -1 : Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The digest's {@code uri} is the Request-URI (RFC 2617 section 3.2.2.5), compared as SIP URIs are; or, as SIPp
     * writes it, the Request-URI without its user part (such credentials then rest on the nonce count alone).
     */
    private static boolean sameUri(String digestUri, String requestUriText) {
        if (digestUri == null || requestUriText == null) {
            return false;
        }
        if (digestUri.equals(requestUriText)) {
            return true;
        }
        SipUri given = SipUri.tryParse(digestUri);
        SipUri r = SipUri.tryParse(requestUriText);
        if (given == null || r == null) {
            return false;
        }
        if (given.equals(r)) {
            return true;
        }
        return given.user() == null && given.isSecure() == r.isSecure() && given.host().equalsIgnoreCase(r.host())
                && given.port() == r.port();
    }

    /** Adds a challenge for each of our realms to a 407. */
    void challenge(SipResponse r, boolean stale) {
        String nonce = nonce(clock.getAsLong());
        for (String realm : realms) {
            r.addHeader(ProxyAuthenticateHeader.NAME, "Digest realm=\"" + realm + "\", nonce=\"" + nonce
                    + "\", algorithm=" + ALGORITHM + ", qop=\"" + QOP + "\"" + (stale ? ", stale=true" : ""));
        }
    }

    /** Takes off credentials for our realms: they are not the next hop's business (RFC 3261 section 22.3). */
    void strip(SipRequest invite) {
        List<String> others = new ArrayList<>();
        for (String value : invite.headers(ProxyAuthorizationHeader.NAME)) {
            if (!realms.contains(DigestParams.parse(value).getRealm())) {
                others.add(value);
            }
        }
        invite.removeHeader(ProxyAuthorizationHeader.NAME);
        others.forEach(v -> invite.addHeader(ProxyAuthorizationHeader.NAME, v));
    }

    String nonce(long nowMillis) {
        String time = String.format("%0" + TIME_DIGITS + "x", nowMillis);
        return time + mac(time);
    }

    /** Milliseconds since the nonce was made, or -1 when it is not one of ours. */
    long nonceAge(String nonce) {
        if (nonce == null || nonce.length() != TIME_DIGITS + 2 * MAC_BYTES) {
            return -1;
        }
        String time = nonce.substring(0, TIME_DIGITS);
        if (!MessageDigest.isEqual(mac(time).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(TIME_DIGITS).getBytes(StandardCharsets.US_ASCII))) {
            return -1;
        }
        long made;
        try {
            made = Long.parseLong(time, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
        long age = clock.getAsLong() - made;
        return age < 0 ? -1 : age;
    }

    private String mac(String time) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            byte[] full = m.doFinal(time.getBytes(StandardCharsets.US_ASCII));
            return HEX.formatHex(full, 0, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** The digest a client with this password sends (RFC 2617 section 3.2.2.1); null when a needed part is missing. */
    static String response(String username, String realm, String password, String method, String uri, String nonce,
                           String nc, String cnonce, String qop) {
        if (uri == null || nonce == null) {
            return null;
        }
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        if (qop == null) {
            return md5(ha1 + ":" + nonce + ":" + ha2);
        }
        if (!QOP.equalsIgnoreCase(qop) || nc == null || cnonce == null) {
            return null;
        }
        return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private static String md5(String s) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }
}
