package io.edgegw.sip.proxy;

import io.edgegw.core.config.TenantConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetAddress;
import java.util.List;

/**
 * Whose call is an INVITE from an address no tenant's {@code sipSources} hold: the tenant whose {@code sipAuth}
 * credentials it carries. Without credentials (or with a nonce not ours) it is answered 407 with a challenge, with
 * a stale nonce 407 stale=true, with wrong ones 403. A tenant's {@code sipSources} suffice on their own: calls
 * from them are never challenged.
 */
final class ProxyAuth {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyAuth.class);

    private final DigestAuth digest;
    private final Calls calls;
    private final OncePerMinute wrongLog = new OncePerMinute();

    ProxyAuth(Calls calls, List<TenantConfig> tenants) {
        this.calls = calls;
        this.digest = new DigestAuth(tenants, calls.hops.host, System::currentTimeMillis);
    }

    /** True when some tenant has sipAuth; otherwise INVITEs from unknown addresses get 403 as before. */
    boolean enabled() {
        return digest.enabled();
    }

    /** The tenant the INVITE's credentials name, its credentials taken off; null when it was answered here. */
    String authorize(ServerTransaction st, Request invite, InetAddress from) throws Exception {
        DigestAuth.Outcome o = digest.check(invite);
        switch (o.verdict()) {
            case OK -> {
                digest.strip(invite);
                LOG.debug("INVITE from {}: authenticated as {} (tenant {})", from, o.username(), o.tenantId());
                return o.tenantId();
            }
            case WRONG -> {
                if (wrongLog.allow(o.username() + "|" + from)) {
                    LOG.warn("INVITE from {}: wrong digest credentials for username '{}' (tenant {}); answered 403 "
                            + "(logged once a minute per username and address)", from, o.username(), o.tenantId());
                }
                calls.metrics.forbidden();
                st.sendResponse(calls.hops.answer(invite, Response.FORBIDDEN));
                return null;
            }
            default -> {
                Response r = calls.hops.answer(invite, Response.PROXY_AUTHENTICATION_REQUIRED);
                digest.challenge(r, calls.hops.headers, o.verdict() == DigestAuth.Verdict.STALE);
                st.sendResponse(r);
                return null;
            }
        }
    }
}
