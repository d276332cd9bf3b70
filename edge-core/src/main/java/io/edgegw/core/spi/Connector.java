package io.edgegw.core.spi;

/** A protocol connector (SMPP, SIP) started by the gateway; found through {@link ConnectorFactory} and ServiceLoader. */
public interface Connector extends AutoCloseable {
    /** Binds listeners and starts outbound binds; returns once listening. */
    void start() throws Exception;

    /** Stops accepting, unbinds politely where it can, releases threads. */
    @Override
    void close();
}
