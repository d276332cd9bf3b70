package io.edgegw.smpp;

import io.edgegw.core.config.CarrierBindType;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.CarrierShare;
import io.edgegw.core.config.ClusterConfig;
import io.edgegw.core.config.EndpointConfig;
import io.edgegw.core.config.SmppServerConfig;
import io.edgegw.core.spi.Connector;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.smpp.carrier.BindRole;
import io.edgegw.smpp.carrier.SmppCarrierBind;
import io.edgegw.smpp.tenant.TenantServer;
import io.edgegw.smpp.tenant.TenantSessionSettings;
import io.edgegw.smpp.tls.TlsContexts;
import io.edgegw.smpp.tls.TlsFiles;
import io.edgegw.smpp.tls.TlsReloader;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The SMPP side of the gateway: the tenant listeners (plain and TLS) and every configured carrier bind, sharing one
 * small event loop group (no thread per bind), and the thread that keeps their TLS files current.
 */
public final class SmppConnector implements Connector {
    private static final Logger LOG = LoggerFactory.getLogger(SmppConnector.class);
    /** Longest a close waits for the carrier binds together: their unbind timeout and a margin. */
    private static final long CARRIER_CLOSE_WAIT_MILLIS = SmppCarrierBind.UNBIND_TIMEOUT_MILLIS + 1_000;

    private final GatewayContext context;
    private final int ioThreads;
    private final List<SmppCarrierBind> binds = new ArrayList<>();
    private EventLoopGroup group;
    private TenantServer tenantServer;
    private TlsReloader tlsReloader;

    public SmppConnector(GatewayContext context, int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1: " + ioThreads);
        }
        this.context = context;
        this.ioThreads = ioThreads;
    }

    @Override
    public void start() throws Exception {
        SmppServerConfig smpp = context.config().smpp();
        List<CarrierConfig> carriers = context.config().carriers() == null ? List.of() : context.config().carriers();
        // every TLS file read before anything listens or dials: a bad one stops the start, naming it
        List<TlsFiles> tlsSides = new ArrayList<>();
        TlsFiles listenerTls = smpp.tls() == null ? null : TlsContexts.listener(smpp.tls());
        if (listenerTls != null) {
            tlsSides.add(listenerTls);
        }
        Map<String, TlsFiles> carrierTls = new HashMap<>();
        for (CarrierConfig carrier : carriers) {
            if (carrier.endpoints().stream().anyMatch(EndpointConfig::tls)) {
                TlsFiles files = TlsContexts.carrier("carrier " + carrier.id() + " (carriers[].tls)", carrier.tls());
                carrierTls.put(carrier.id(), files);
                tlsSides.add(files);
            }
        }
        tlsReloader = new TlsReloader(tlsSides, smpp.tlsReloadSeconds(), context.meters());
        group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("smpp-io"));
        tenantServer = new TenantServer(context, group, TenantSessionSettings.from(smpp), listenerTls);
        tenantServer.start();
        ClusterConfig cluster = context.config().cluster();
        for (CarrierConfig carrier : carriers) {
            TlsFiles tls = carrierTls.get(carrier.id());
            // this instance's part of the carrier's binds: with the other instances' they make the configured number
            CarrierShare share = cluster.carrier(carrier);
            if (share.binds().isEmpty() && !carrier.endpoints().isEmpty()) {
                LOG.info("carrier {}: instance {} of {} holds none of its {} binds; the other instances send to it",
                        carrier.id(), cluster.instance(), cluster.instances(), share.clusterBinds());
            }
            Set<EndpointConfig> receiving = new LinkedHashSet<>();
            for (CarrierShare.Bind b : share.binds()) {
                start(new SmppCarrierBind(context, carrier, b.endpoint(), b.number(),
                        BindRole.submitting(carrier.bindType()), tls, group.next()));
                receiving.add(b.endpoint());
            }
            if (carrier.bindType() == CarrierBindType.SPLIT) {
                // a receiver on each endpoint this instance sends to, so the receipts of its submits reach it
                for (EndpointConfig endpoint : receiving) {
                    start(new SmppCarrierBind(context, carrier, endpoint, 1, BindRole.RECEIVER, tls, group.next()));
                }
            }
        }
        tlsReloader.start();
    }

    private void start(SmppCarrierBind bind) {
        binds.add(bind);
        bind.start();
    }

    /** {@code smpp} (plain, unless {@code smpp.tls.only}) and {@code smpp-tls} (with {@code smpp.tls}). */
    @Override
    public Map<String, InetSocketAddress> listeners() {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        if (tenantServer != null) {
            if (tenantServer.boundAddress() != null) {
                out.put("smpp", tenantServer.boundAddress());
            }
            if (tenantServer.tlsBoundAddress() != null) {
                out.put("smpp-tls", tenantServer.tlsBoundAddress());
            }
        }
        return out;
    }

    /** Carrier binds (read-only view), for operators and tests. */
    public List<SmppCarrierBind> carrierBinds() {
        return List.copyOf(binds);
    }

    /**
     * No new tenant connections or binds, and every bound tenant session is unbound once its submits are answered,
     * while carrier binds go on until {@link #close} so what is at carriers gets its answers.
     */
    @Override
    public void stopIntake() {
        if (tenantServer != null) {
            tenantServer.stopIntake();
        }
    }

    /**
     * Tenant sessions, told to unbind when the stop began, are waited for (bounded), then every carrier bind unbinds,
     * all at once, each closing when the carrier answers or after {@link SmppCarrierBind#UNBIND_TIMEOUT_MILLIS}.
     */
    @Override
    public void close() {
        if (tlsReloader != null) {
            tlsReloader.close();
        }
        if (tenantServer != null) {
            tenantServer.close();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CARRIER_CLOSE_WAIT_MILLIS);
        for (io.netty.util.concurrent.Future<Void> closed : binds.stream().map(SmppCarrierBind::close).toList()) {
            closed.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        if (group != null) {
            // no quiet period: every channel is closed by now, nothing more will be submitted to these loops
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
