package io.edgegw.core.spi;

import java.net.InetAddress;
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
     * A hashed password costs milliseconds to check: call this off any event loop.
     */
    Auth authenticate(String systemId, String password, InetSocketAddress remote);

    /**
     * Whether a connection from {@code remote} could ever bind: false when no tenant's {@code allowedSources} covers
     * it, so the connector closes it at accept, before any work.
     */
    default boolean mayConnect(InetAddress remote) {
        return true;
    }

    /** A session that {@link #authenticate} let bind has ended, whatever its bind type. */
    void unbound(String tenantId);

    /** deliver_sm window toward one session of this tenant. */
    int receiverWindow(String tenantId);
}
