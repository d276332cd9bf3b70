package io.edgegw.core.spi;

import java.net.InetSocketAddress;
import java.util.Map;

/** A protocol connector (SMPP, SIP) started by the gateway; found through {@link ConnectorFactory} and ServiceLoader. */
public interface Connector extends AutoCloseable {
    /** Binds listeners and starts outbound binds; returns once listening. */
    void start() throws Exception;

    /** Where it listens once started, by name (e.g. {@code smpp}); ports are real even when configured as 0. */
    default Map<String, InetSocketAddress> listeners() {
        return Map.of();
    }

    /**
     * What operators see of it, by name: {@code GET /api/{name}} answers the view as JSON (maps, lists, text, numbers,
     * booleans, null). Built on each request, from the admin thread: reads only, lock-free.
     */
    default Map<String, Object> operatorViews() {
        return Map.of();
    }

    /** Stops accepting, unbinds politely where it can, releases threads. */
    @Override
    void close();
}
