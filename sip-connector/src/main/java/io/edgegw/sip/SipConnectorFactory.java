package io.edgegw.sip;

import io.edgegw.sip.config.SipConfig;
import io.edgegw.core.spi.Connector;
import io.edgegw.core.spi.ConnectorFactory;
import io.edgegw.core.spi.GatewayContext;

/** Found by the core through ServiceLoader. With {@code sip.enabled: false} (the default) it starts nothing. */
public final class SipConnectorFactory implements ConnectorFactory {
    @Override
    public String protocol() {
        return "sip";
    }

    @Override
    public Connector create(GatewayContext context) {
        if (!SipConfig.of(context.config()).enabled()) {
            return new Connector() {
                @Override
                public void start() {
                }

                @Override
                public void close() {
                }
            };
        }
        return new SipConnector(context.config(), context.meters(), context.callUsage());
    }
}
