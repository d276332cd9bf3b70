package io.edgegw.sip;

import io.edgegw.core.spi.CallUsage;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.RouteConfig;
import io.edgegw.core.net.PeerSource;
import io.edgegw.core.net.ProxyProtocol;
import io.edgegw.sip.config.SipConfig;
import io.edgegw.sip.config.SipTlsConfig;
import io.edgegw.core.spi.Connector;
import io.edgegw.sip.cdr.CdrWriter;
import io.edgegw.sip.proxy.Proxy;
import io.edgegw.sip.proxy.ProxyWiring;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.transaction.SipMessageCodec;
import io.edgegw.sipstack.transaction.TransactionConfig;
import io.edgegw.sipstack.transaction.TransactionLayer;
import io.edgegw.sipstack.transaction.TransportHops;
import io.edgegw.sipstack.transaction.Workers;
import io.edgegw.sipstack.transport.AcceptedFront;
import io.edgegw.sipstack.transport.ClientAuth;
import io.edgegw.sipstack.transport.SipTransports;
import io.edgegw.sipstack.transport.TlsConfig;
import io.edgegw.sipstack.transport.Transport;
import io.edgegw.sipstack.transport.TransportConfig;
import io.edgegw.sipstack.transport.TransportStats;
import io.netty.channel.EventLoopGroup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The SIP side of the gateway on the Netty sip-stack: UDP and TCP on {@code sip.host:sip.port} (both, whatever
 * {@code sip.transport} says: a second listener costs a socket, and tenants and trunks then pick), TLS on its own
 * port when {@code sip.tls} is set; the transaction layer runs the proxy on the transports' event loops.
 */
public final class SipConnector implements Connector {
    private static final Logger LOG = LoggerFactory.getLogger(SipConnector.class);
    /** Largest SIP message taken, headers and body: a UDP datagram's worth. */
    static final int MAX_MESSAGE_BYTES = 65_536;
    /** Connections to the listeners at once. */
    static final int MAX_TCP_CONNECTIONS = 1000;

    private final GatewayConfig config;
    private final MeterRegistry meters;
    private TransactionLayer<SipMessage> layer;
    private SipTransports transports;
    private ScheduledThreadPoolExecutor timer;
    private volatile Proxy proxy;
    /** The routes calls go by: the config's, until a route reload replaces them. */
    private volatile List<RouteConfig> routes;
    private CdrWriter cdrs;
    private final CallUsage callUsage;

    public SipConnector(GatewayConfig config, MeterRegistry meters) {
        this(config, meters, CallUsage.NONE);
    }

    /** @param callUsage where each answered call is reported for usage metering (the core's usage journal) */
    public SipConnector(GatewayConfig config, MeterRegistry meters, CallUsage callUsage) {
        this.config = config;
        this.meters = meters;
        this.callUsage = callUsage;
        this.routes = config.routes() == null ? List.of() : config.routes();
    }

    @Override
    public void start() throws Exception {
        SipConfig sip = SipConfig.of(config);
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-timers");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        cdrs = new CdrWriter(Path.of(config.storage().dir()).resolve("cdr"), sip.cdrRetentionDays(), callUsage);
        ProxyWiring wiring = new ProxyWiring(config, meters, timer, cdrs);
        // The transports' event loops are the workers: a message is handled on the loop that read it when its
        // Call-ID hashes there (always, with one loop), so no thread wakes another per message. Measured with
        // deploy/bench/sip-vs-kamailio (BENCHMARKS.md): separate worker threads cost a hand-off and a wake-up per
        // message each way. The workers judge overload (sip.overloadMillis, sustained: Worker.overloaded), the wait
        // of datagrams in the UDP socket (the loop's inline queue, SocketWaitProbe) counting with the task queue's;
        // the proxy sheds in screen, with Retry-After and a count, so the layer's own 503 never sees an INVITE the
        // proxy let through.
        TransactionConfig transactions = TransactionConfig.DEFAULT
                .withCaps(Math.max(5000, sip.maxCalls() * 8), Math.max(5000, sip.maxCalls() * 8))
                .withOverloadDelay(sip.overloadMillis());
        TransportHops hops;
        for (int attempt = 1; ; attempt++) {
            TransportConfig transportConfig = transportConfig(sip);
            EventLoopGroup loops = SipTransports.eventLoops(transportConfig);
            layer = new TransactionLayer<>(transactions, SipMessageCodec.INSTANCE, wiring,
                    Workers.onEventLoops(loops, transactions));
            hops = new TransportHops(layer);
            try {
                transports = SipTransports.start(transportConfig, hops, loops, front(sip));
                break;
            } catch (Exception bindFailed) {
                // port 0: the port freePort found free for UDP and TCP was taken by another process before both
                // were bound; another port. A configured port that is taken is the operator's to fix.
                layer.close();
                if (sip.port() != 0 || attempt == 5 || !isAddressInUse(bindFailed)) {
                    throw bindFailed;
                }
                LOG.debug("SIP port taken between choosing and binding it; choosing another", bindFailed);
            }
        }
        hops.bind(transports);
        proxy = wiring.start(layer, hops, transports.port(Transport.UDP),
                sip.tls() == null ? -1 : transports.port(Transport.TLS));
        List<RouteConfig> taken; // a reload while starting: the routes it brought (the proxy has the config's)
        do {
            taken = routes;
            proxy.routes(taken);
        } while (taken != routes);
        proxy.startProbing();
        LOG.info("SIP proxy listening on {}:{} (udp, tcp){}", sip.host(), transports.port(Transport.UDP),
                sip.tls() == null ? "" : ", tls on " + transports.port(Transport.TLS));
    }

    /**
     * With {@code sip.proxyProtocol}, the PROXY header reader before every accepted TCP and TLS connection, so the
     * caps, logs, {@code sipSources} and carriers' {@code sources} see the client; null without it.
     */
    private AcceptedFront front(SipConfig sip) {
        Map<ProxyProtocol.Refusal, Counter> refused = new EnumMap<>(ProxyProtocol.Refusal.class);
        for (ProxyProtocol.Refusal r : ProxyProtocol.Refusal.values()) { // zeros without it: one set of series
            refused.put(r, Counter.builder("edge_sip_connections_refused").tag("reason", r.tag)
                    .description("SIP TCP and TLS connections closed before their PROXY header named a client")
                    .register(meters));
        }
        if (!sip.proxyProtocol().enabled()) {
            return null;
        }
        ProxyProtocol proxyProtocol = new ProxyProtocol(sip.proxyProtocol(), "SIP", r -> refused.get(r).increment());
        return (channel, admitted) -> proxyProtocol.accept(channel, c -> {
            admitted.accept(PeerSource.inet(c));
            return c.isOpen();
        });
    }

    private static TransportConfig transportConfig(SipConfig sip) {
        TransportConfig.Builder b = TransportConfig.builder().host(sip.host()).udp(sip.port())
                .maxMessageBytes(MAX_MESSAGE_BYTES).maxConnections(MAX_TCP_CONNECTIONS)
                .ioThreads(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        // UDP and TCP share the port; with port 0 TCP takes the one UDP was given (see tcpPort)
        b.tcp(sip.port());
        if (sip.port() == 0) { // one ephemeral port for both, so the proxy has one address in Via and Record-Route
            int port = freePort(sip.host());
            b.udp(port).tcp(port);
        }
        SipTlsConfig tls = sip.tls();
        if (tls != null) {
            Path certificate = Path.of(tls.certificate());
            Path key = Path.of(tls.privateKey());
            // the same certificate is shown to trunks that ask for one (mutual TLS), as Kamailio's client:default does
            TlsConfig.Builder t = TlsConfig.builder().server(certificate, key).clientCertificate(certificate, key)
                    .verifyHostname(false);
            ClientAuth auth = ClientAuth.valueOf(tls.clientAuth().toUpperCase());
            Path trusted = tls.trustedCertificates() == null ? null : Path.of(tls.trustedCertificates());
            t.clientAuth(auth, trusted);
            if (trusted != null) {
                t.serverTrust(trusted);
            }
            b.tls(tls.port(), t.build());
        }
        return b.build();
    }

    private static boolean isAddressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A port free for both UDP and TCP right now: bind both, read it, release them. Another process could take it in
     * between; for tests on loopback that is rare.
     */
    private static int freePort(String host) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(host));
                 DatagramSocket udp = new DatagramSocket(new InetSocketAddress(host, tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // the UDP side of that port is taken: another
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP on " + host);
    }

    @Override
    public Map<String, InetSocketAddress> listeners() {
        if (transports == null) {
            return Map.of();
        }
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        out.put("sip", transports.localAddress(Transport.UDP));
        InetSocketAddress tcp = transports.localAddress(Transport.TCP);
        if (tcp != null) {
            out.put("sip-tcp", tcp);
        }
        InetSocketAddress tls = transports.localAddress(Transport.TLS);
        if (tls != null) {
            out.put("sip-tls", tls);
        }
        return out;
    }

    @Override
    public Map<String, Object> operatorViews() {
        return proxy == null ? Map.of() : Map.of("sip", proxy.view());
    }

    /** New INVITEs go by {@code routes} from now on (a route reload); answers true: SIP routes by them. */
    @Override
    public boolean routesReplaced(List<RouteConfig> routes) {
        this.routes = List.copyOf(routes);
        Proxy p = proxy; // written before start reads routes: one of the two hands the proxy the new ones
        if (p != null) {
            p.routes(this.routes);
        }
        return true;
    }

    /** The proxy, for tests and operators. */
    public Proxy proxy() {
        return proxy;
    }

    /** The workers, for tests in this package: they hold them busy to overload the proxy on purpose. */
    Workers workers() {
        return layer.workers();
    }

    /** The transports' counters, for tests in this package (what has been received so far). */
    TransportStats transportStats() {
        return transports.stats();
    }

    /** New INVITEs are answered 503 with Retry-After from now on; calls under way go on. */
    @Override
    public void stopIntake() {
        Proxy p = proxy;
        if (p != null) {
            p.stopIntake();
        }
    }

    /** True once no call is being set up (calls already answered are ended by {@link #close}). */
    @Override
    public boolean drained() {
        Proxy p = proxy;
        return p == null || p.callsSettingUp() == 0;
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close(); // calls answered 503 and dialogs ended, while the transports still send
        }
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (layer != null) {
            layer.close();
        }
        if (transports != null) {
            transports.close();
        }
        if (cdrs != null) {
            cdrs.close(); // after the workers: a call ended at shutdown has written its CDR
        }
    }
}
