package io.edgegw.sip.proxy;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.config.TenantConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.transaction.Hop;

import javax.sip.message.Response;
import java.net.InetAddress;
import java.util.List;

/**
 * Whose call is an INVITE from an address no tenant's {@code sipSources} hold: the tenant whose {@code sipAuth}
 * credentials it carries. Every answer here is stateless (no transaction, no 100 Trying, never retransmitted): without
 * credentials, with a nonce not ours or a nonce count used before, 407 with a fresh challenge; with a stale nonce 407
 * stale=true; with wrong credentials, an unknown username, a digest for another Request-URI, or from an address locked
 * out for guessing ({@link AuthThrottle}), the same 403. A tenant's {@code sipSources} suffice on their own: calls
 * from them are never challenged.
 */
final class ProxyAuth {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyAuth.class);
    private static final int MAX_THROTTLED_SOURCES = 10_000;

    private final DigestAuth digest;
    private final Calls calls;
    private final AuthThrottle throttle = new AuthThrottle(MAX_THROTTLED_SOURCES, System::currentTimeMillis);
    private final OncePerMinute refusedLog = new OncePerMinute();

    ProxyAuth(Calls calls, List<TenantConfig> tenants) {
        this.calls = calls;
        this.digest = new DigestAuth(tenants, calls.hops.host, System::currentTimeMillis);
    }

    /** True when some tenant has sipAuth; otherwise INVITEs from unknown addresses are strangers. */
    boolean enabled() {
        return digest.enabled();
    }

    /** The tenant the INVITE's credentials name, its credentials taken off; null when it was answered here. */
    String authorize(SipRequest invite, Hop source, InetAddress from) {
        if (throttle.locked(from) && digest.hasCredentials(invite)) {
            refuse(invite, source, from, null, "digest_throttled", "credentials from an address locked out for failing too "
                    + "often");
            throttle.failed(from);
            return null;
        }
        DigestAuth.Outcome o = digest.check(invite);
        switch (o.verdict()) {
            case OK -> {
                throttle.succeeded(from);
                digest.strip(invite);
                LOG.debug("INVITE from {}: authenticated as {} (tenant {})", from, o.username(), o.tenantId());
                return o.tenantId();
            }
            case WRONG -> {
                refuse(invite, source, from, o, "digest_wrong", o.tenantId() == null ? "unknown username"
                        : "wrong digest credentials");
                failed(from);
            }
            case URI_MISMATCH -> {
                refuse(invite, source, from, o, "digest_uri", "digest credentials computed for another Request-URI");
                failed(from);
            }
            case REPLAYED -> {
                note(from, o, "a nonce count used before (a replay); challenged again");
                calls.metrics.unknown("digest_replay");
                challenge(invite, source, false);
            }
            default -> challenge(invite, source, o.verdict() == DigestAuth.Verdict.STALE);
        }
        return null;
    }

    private void failed(InetAddress from) {
        if (!throttle.failed(from) && refusedLog.allow("throttle-full")) {
            LOG.warn("the table of addresses failing digest authentication is full ({}); {} is not slowed down "
                    + "(logged once a minute)", MAX_THROTTLED_SOURCES, from);
        }
    }

    private void challenge(SipRequest invite, Hop source, boolean stale) {
        SipResponse r = calls.hops.statelessAnswer(invite, Response.PROXY_AUTHENTICATION_REQUIRED);
        digest.challenge(r, stale);
        source.send(calls.layer.codec().encode(r));
    }

    /** The same 403 whatever the reason, so the answer tells a guesser nothing. */
    private void refuse(SipRequest invite, Hop source, InetAddress from, DigestAuth.Outcome o, String reason,
                        String why) {
        note(from, o, why + "; answered 403");
        calls.metrics.unknown(reason);
        source.send(calls.layer.codec().encode(calls.hops.statelessAnswer(invite, Response.FORBIDDEN)));
    }

    private void note(InetAddress from, DigestAuth.Outcome o, String what) {
        String user = o == null ? null : o.username();
        if (refusedLog.allow(user + "|" + from)) {
            LOG.warn("INVITE from {}: username '{}' (tenant {}): {} (logged once a minute per username and address)",
                    from, user, o == null || o.tenantId() == null ? "unknown" : o.tenantId(), what);
        }
    }
}
