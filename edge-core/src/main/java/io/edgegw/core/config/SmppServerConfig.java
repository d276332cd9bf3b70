package io.edgegw.core.config;

/**
 * Tenant-facing SMPP listener.
 *
 * @param host            address to listen on
 * @param port            TCP port (0 picks an ephemeral port, for tests)
 * @param maxPduBytes     hard bound on command_length; larger PDUs get generic_nack ESME_RINVCMDLEN and the session closes
 * @param enquireLinkSeconds idle time after which the gateway sends enquire_link to the tenant
 * @param bindTimeoutSeconds time a new connection has to bind before it is closed
 */
public record SmppServerConfig(String host, int port, int maxPduBytes, int enquireLinkSeconds, int bindTimeoutSeconds) {
}
