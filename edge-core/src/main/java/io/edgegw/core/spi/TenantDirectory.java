package io.edgegw.core.spi;

import java.net.InetSocketAddress;

/** Authenticates tenants' binds against the configuration. */
public interface TenantDirectory {
    enum Outcome { OK, UNKNOWN_SYSTEM_ID, BAD_PASSWORD, TOO_MANY_BINDS }

    /** The outcome and, when OK, the tenant id. */
    record Auth(Outcome outcome, String tenantId) {
    }

    Auth authenticate(String systemId, String password, InetSocketAddress remote);

    /** deliver_sm window toward one session of this tenant. */
    int receiverWindow(String tenantId);
}
