package io.edgegw.core.config;

/**
 * Admin HTTP API and Prometheus endpoint ({@code /metrics}). Port 0 picks an ephemeral port.
 *
 * @param token        what {@code /api/*} requires as {@code Authorization: Bearer <token>}; empty = the API is
 *                     read-only and open (operator actions are refused)
 * @param metricsToken what {@code /metrics} requires as {@code Authorization: Bearer <metricsToken>}; empty = open
 */
public record AdminConfig(String host, int port, String token, String metricsToken) {
    /** Loopback, port 8080, no tokens: what every key left out of {@code admin} takes. */
    public static final AdminConfig DEFAULTS = new AdminConfig("127.0.0.1", 8080, "", "");

    public AdminConfig(String host, int port) {
        this(host, port, "", "");
    }

    public AdminConfig(String host, int port, String token) {
        this(host, port, token, "");
    }

    /** Never the tokens themselves, so a logged config leaks nothing. */
    @Override
    public String toString() {
        return "AdminConfig[host=" + host + ", port=" + port + ", token=" + (token.isEmpty() ? "none" : "set")
                + ", metricsToken=" + (metricsToken.isEmpty() ? "none" : "set") + "]";
    }
}
