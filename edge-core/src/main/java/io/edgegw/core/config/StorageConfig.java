package io.edgegw.core.config;

/**
 * Where the per-tenant Chronicle queues, read positions and correlations live.
 *
 * @param minFreeMegabytes below this much usable space on the storage volume, new submits are refused
 *                         (ESME_RMSGQFUL) and carrier receipts deferred, before a full disk can break a write
 */
public record StorageConfig(String dir, long minFreeMegabytes) {
}
