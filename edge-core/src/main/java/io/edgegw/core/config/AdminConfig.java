package io.edgegw.core.config;

/** Admin HTTP API and Prometheus endpoint ({@code /metrics}). Port 0 picks an ephemeral port. */
public record AdminConfig(String host, int port) {
}
