package io.edgegw.smpp.tenant;

/** Fired down a tenant pipeline when the gateway shuts down, so the session can unbind politely. */
enum GatewayClosing {
    INSTANCE
}
