package io.edgegw.core.config;

/**
 * Admin HTTP API and Prometheus endpoint ({@code /metrics}). Port 0 picks an ephemeral port.
 *
 * @param token what {@code /api/*} requires as {@code Authorization: Bearer <token>}; empty = the API is read-only
 *              and open (operator actions are refused)
 */
public record AdminConfig(String host, int port, String token) {
    public AdminConfig(String host, int port) {
        this(host, port, "");
    }

    /** Never the token itself, so a logged config leaks nothing. */
    @Override
    public String toString() {
        return "AdminConfig[host=" + host + ", port=" + port + ", token=" + (token.isEmpty() ? "none" : "set") + "]";
    }
}
