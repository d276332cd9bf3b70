package io.edgegw.smpp;

import io.edgegw.core.config.CarrierBindType;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.EndpointConfig;
import io.edgegw.core.spi.Connector;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.smpp.carrier.BindRole;
import io.edgegw.smpp.carrier.SmppCarrierBind;
import io.edgegw.smpp.tenant.TenantServer;
import io.edgegw.smpp.tenant.TenantSessionSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SMPP side of the gateway: the tenant listener and every configured carrier bind, sharing one small event
 * loop group (no thread per bind).
 */
public final class SmppConnector implements Connector {
    private final GatewayContext context;
    private final int ioThreads;
    private final List<SmppCarrierBind> binds = new ArrayList<>();
    private EventLoopGroup group;
    private TenantServer tenantServer;

    public SmppConnector(GatewayContext context, int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1: " + ioThreads);
        }
        this.context = context;
        this.ioThreads = ioThreads;
    }

    @Override
    public void start() throws Exception {
        group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("smpp-io"));
        tenantServer = new TenantServer(context, group, TenantSessionSettings.from(context.config().smpp()));
        tenantServer.start();
        List<CarrierConfig> carriers = context.config().carriers() == null ? List.of() : context.config().carriers();
        for (CarrierConfig carrier : carriers) {
            for (EndpointConfig endpoint : carrier.endpoints()) {
                for (int n = 1; n <= carrier.bindsPerEndpoint(); n++) {
                    start(new SmppCarrierBind(context, carrier, endpoint, n, group.next()));
                }
                if (carrier.bindType() == CarrierBindType.SPLIT) {
                    start(new SmppCarrierBind(context, carrier, endpoint, 1, BindRole.RECEIVER, group.next()));
                }
            }
        }
    }

    private void start(SmppCarrierBind bind) {
        binds.add(bind);
        bind.start();
    }

    @Override
    public Map<String, InetSocketAddress> listeners() {
        return tenantServer == null ? Map.of() : Map.of("smpp", tenantServer.boundAddress());
    }

    /** Carrier binds (read-only view), for operators and tests. */
    public List<SmppCarrierBind> carrierBinds() {
        return List.copyOf(binds);
    }

    @Override
    public void close() {
        binds.stream().map(SmppCarrierBind::close).toList()
                .forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));
        if (tenantServer != null) {
            tenantServer.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
