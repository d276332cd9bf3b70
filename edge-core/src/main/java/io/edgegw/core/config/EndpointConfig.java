package io.edgegw.core.config;

/** One SMSC address of a carrier; with {@code tls} reached over TLS (the carrier's {@code tls} settings). */
public record EndpointConfig(String host, int port, boolean tls) {
    /** Plain TCP. */
    public EndpointConfig(String host, int port) {
        this(host, port, false);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
