package io.edgegw.core.config;

/**
 * One tenant of the platform.
 *
 * @param id       stable tenant id, names its queues on disk
 * @param systemId SMPP system_id it binds with
 * @param password SMPP password (at most 8 characters in SMPP 3.4)
 * @param window   how many deliver_sm the gateway keeps outstanding toward one of its sessions
 * @param maxBinds how many concurrent binds it may hold
 */
public record TenantConfig(String id, String systemId, String password, int window, int maxBinds) {
}
