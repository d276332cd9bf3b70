package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTrunkConfig;
import io.edgegw.sip.config.SipConfig;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.sip.cdr.CdrWriter;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.transaction.ClientTransaction;
import io.edgegw.sipstack.transaction.Hop;
import io.edgegw.sipstack.transaction.ServerTransaction;
import io.edgegw.sipstack.transaction.TransactionLayer;
import io.edgegw.sipstack.transaction.TransactionUser;
import io.edgegw.sipstack.transaction.TransportHops;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The layer needs its transaction user before the transports start, and the proxy needs the layer and the ports the
 * transports bound: this stands in until {@link #start} has built the proxy, and drops what arrives before that.
 */
public final class ProxyWiring implements TransactionUser<SipMessage> {
    private final GatewayConfig config;
    private final MeterRegistry registry;
    private final ScheduledExecutorService timer;
    private final CdrWriter cdrs;
    private volatile Proxy proxy;

    public ProxyWiring(GatewayConfig config, MeterRegistry registry, ScheduledExecutorService timer, CdrWriter cdrs) {
        this.config = config;
        this.registry = registry;
        this.timer = timer;
        this.cdrs = cdrs;
    }

    /** Builds the proxy over the started layer and transports; messages reach it from now on. */
    public Proxy start(TransactionLayer<SipMessage> layer, TransportHops transportHops, int port, int tlsPort) {
        Hops hops = new Hops(SipConfig.of(config).host(), port, tlsPort, new RouteToken(SipConfig.of(config).routeSecret()));
        Calls calls = new Calls(layer, transportHops, hops, timer, SipConfig.of(config), cdrs);
        Proxy p = new Proxy(calls, config, registry);
        WarmUp.run(hops, config.carriers().stream().map(SipTrunkConfig::of).filter(Objects::nonNull).findFirst()
                .orElse(null));
        proxy = p;
        return p;
    }

    @Override
    public Object screen(SipMessage request, Hop source) {
        Proxy p = proxy;
        return p == null ? null : p.screen(request, source);
    }

    @Override
    public void onRequest(ServerTransaction<SipMessage> tx) {
        proxy.onRequest(tx);
    }

    @Override
    public void onCancel(ServerTransaction<SipMessage> invite, SipMessage cancel) {
        proxy.onCancel(invite, cancel);
    }

    @Override
    public void onAck(SipMessage ack, Hop source) {
        Proxy p = proxy;
        if (p != null) {
            p.onAck(ack, source);
        }
    }

    @Override
    public void onResponse(ClientTransaction<SipMessage> tx, SipMessage response) {
        proxy.onResponse(tx, response);
    }

    @Override
    public void onTimeout(ClientTransaction<SipMessage> tx) {
        proxy.onTimeout(tx);
    }

    @Override
    public void onStrayResponse(SipMessage response, Hop source) {
        Proxy p = proxy;
        if (p != null) {
            p.onStrayResponse(response, source);
        }
    }

    @Override
    public void onUnparsable(Exception reason, Hop source) {
        Proxy p = proxy;
        if (p != null) {
            p.onUnparsable(reason, source);
        }
    }
}
