package io.edgegw.core.spi;

/** Registered in META-INF/services; the core never depends on a connector module. */
public interface ConnectorFactory {
    /** Short protocol name, e.g. {@code smpp}. */
    String protocol();

    Connector create(GatewayContext context);
}
