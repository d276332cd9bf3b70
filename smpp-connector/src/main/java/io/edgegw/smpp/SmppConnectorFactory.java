package io.edgegw.smpp;

import io.edgegw.core.spi.Connector;
import io.edgegw.core.spi.ConnectorFactory;
import io.edgegw.core.spi.GatewayContext;

/**
 * Found by the core through ServiceLoader. The I/O thread count is not (yet) in the gateway's YAML: it comes from
 * the system property {@value #IO_THREADS_PROPERTY}, default 2.
 */
public final class SmppConnectorFactory implements ConnectorFactory {
    public static final String IO_THREADS_PROPERTY = "edgegw.smpp.ioThreads";

    @Override
    public String protocol() {
        return "smpp";
    }

    @Override
    public Connector create(GatewayContext context) {
        return new SmppConnector(context, Integer.getInteger(IO_THREADS_PROPERTY, 2));
    }
}
