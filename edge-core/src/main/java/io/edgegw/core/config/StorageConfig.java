package io.edgegw.core.config;

/** Where the per-tenant Chronicle queues, read positions and correlations live. */
public record StorageConfig(String dir) {
}
