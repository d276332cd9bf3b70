package io.edgegw.core.config;

/** One SMSC address of a carrier. */
public record EndpointConfig(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
