package io.edgegw.core.spi;

import java.net.InetSocketAddress;

/** Authenticates tenants' binds against the configuration. */
public interface TenantDirectory {
    /** FORBIDDEN_SOURCE: the remote address is outside the tenant's {@code allowedSources}. */
    enum Outcome { OK, UNKNOWN_SYSTEM_ID, BAD_PASSWORD, TOO_MANY_BINDS, FORBIDDEN_SOURCE }

    /** The outcome and, when OK, the tenant id. */
    record Auth(Outcome outcome, String tenantId) {
    }

    /**
     * Checks the credentials and, when the outcome is OK, takes one of the tenant's {@code maxBinds} at once
     * (so concurrent binds cannot exceed it); the session gives it back with {@link #unbound} when it ends.
     */
    Auth authenticate(String systemId, String password, InetSocketAddress remote);

    /** A session that {@link #authenticate} let bind has ended, whatever its bind type. */
    void unbound(String tenantId);

    /** deliver_sm window toward one session of this tenant. */
    int receiverWindow(String tenantId);
}
