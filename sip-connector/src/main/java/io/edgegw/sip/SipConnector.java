package io.edgegw.sip;

import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.SipConfig;
import io.edgegw.core.spi.Connector;
import io.edgegw.sip.cdr.CdrWriter;
import io.edgegw.sip.proxy.Proxy;
import io.edgegw.sip.stack.GuardedParserFactory;
import io.edgegw.sip.stack.NoDelayNetworkLayer;
import io.edgegw.sip.stack.NoMessageLog;
import io.edgegw.sip.stack.Slf4jStackLogger;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SIP side of the gateway: one JAIN-SIP stack (the reference implementation) with one listening point, and the
 * proxy as its listener.
 */
public final class SipConnector implements Connector {
    private static final Logger LOG = LoggerFactory.getLogger(SipConnector.class);
    /** SipFactory keeps every stack it made by name, stopped ones too: each start needs a fresh name. */
    private static final AtomicInteger STACKS = new AtomicInteger();
    /** Largest SIP message taken over TCP, headers and body: a UDP datagram's worth. */
    static final int MAX_MESSAGE_BYTES = 65_536;
    /** Longest a UDP datagram waits for the stack's thread before it is dropped unread. */
    static final int CONGESTION_MILLIS = 2_000;
    /** TCP connections to the listener at once; one more waits to be accepted. */
    static final int MAX_TCP_CONNECTIONS = 1000;
    /** Longest a TCP message may take to arrive once its first line has. */
    static final int TCP_READ_TIMEOUT_MILLIS = 10_000;

    private final GatewayConfig config;
    private final MeterRegistry meters;
    private SipStack stack;
    private SipProvider provider;
    private ListeningPoint listeningPoint;
    private ScheduledThreadPoolExecutor timer;
    private Proxy proxy;
    private CdrWriter cdrs;

    public SipConnector(GatewayConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    @Override
    public void start() throws Exception {
        SipConfig sip = config.sip();
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "edgegw-sip-" + STACKS.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off"); // a proxy keeps no dialogs
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", NoMessageLog.class.getName());
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true"); // calls are independent; each orders its own events
        // One thread takes the UDP datagrams in arrival order: with a pool, a caller's ACK and the BYE right behind
        // it were seen passing each other inside the proxy, and the callee got the BYE first. Nothing in the
        // listener blocks, so one thread goes a long way; per-call ordering over a pool is for a later slice.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", NoDelayNetworkLayer.class.getName());
        // Bounds against peers that send too much: a TCP message (headers and body) past MAX_MESSAGE_SIZE closes its
        // connection (the RI reads TCP with a thread per connection, so MAX_CONNECTIONS bounds those threads too);
        // the server transaction table sheds new requests past MAX_SERVER_TRANSACTIONS; the guard bounds header lines.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(MAX_MESSAGE_BYTES));
        p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", String.valueOf(MAX_TCP_CONNECTIONS));
        // a TCP message begun must be whole within this, or its connection is closed: a peer that stops halfway
        // (a header never ended, a body shorter than its Content-Length) holds a reader thread no longer
        p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", String.valueOf(TCP_READ_TIMEOUT_MILLIS));
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", String.valueOf(Math.max(5000, sip.maxCalls() * 4)));
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", GuardedParserFactory.class.getName());
        // A CANCEL we send is for an INVITE of ours still proceeding (Call keeps that state): the RI's check walks its
        // whole client transaction table for it
        p.setProperty("gov.nist.javax.sip.CANCEL_CLIENT_TRANSACTION_CHECKED", "false");
        // A UDP datagram still waiting for the stack's thread after this long is dropped unread (checked every 2 s):
        // its sender retransmits or has given up, and working through seconds-old retransmissions is how an
        // overloaded proxy stays overloaded (the RI's default is 8 s)
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", String.valueOf(CONGESTION_MILLIS));
        stack = factory.createSipStack(p);
        int port = sip.port() == 0 ? freePort(sip.host(), sip.transport()) : sip.port();
        listeningPoint = stack.createListeningPoint(sip.host(), port, sip.transport());
        provider = stack.createSipProvider(listeningPoint);
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-timers");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        cdrs = new CdrWriter(Path.of(config.storage().dir()).resolve("cdr"));
        proxy = Proxy.create(factory, provider, sip.host(), listeningPoint.getPort(), sip.transport(), timer, config,
                meters, cdrs);
        provider.addSipListener(proxy);
        stack.start();
        if ("udp".equalsIgnoreCase(sip.transport())) {
            awaitUdpWorker(p.getProperty("javax.sip.STACK_NAME"));
        }
        proxy.startProbing();
        LOG.info("SIP proxy listening on {}:{} ({})", sip.host(), listeningPoint.getPort(), sip.transport());
    }

    /**
     * The RI makes its UDP worker thread on its processor thread after {@code start()} returns; a stack stopped
     * before then throws from its stop. Waits for it, at most 5 s.
     */
    private static void awaitUdpWorker(String stackName) throws InterruptedException {
        String worker = stackName + "-UDPMessageChannelThread-0";
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline
                && Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(worker))) {
            Thread.sleep(2);
        }
    }

    /**
     * The RI does not report the port the system picked for port 0, so for an ephemeral port we pick one ourselves:
     * bind, read it, release it. Another process could take it in between; for tests on loopback that is rare.
     */
    private static int freePort(String host, String transport) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if ("tcp".equals(transport)) {
            try (ServerSocket s = new ServerSocket(0, 1, address)) {
                return s.getLocalPort();
            }
        }
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return s.getLocalPort();
        }
    }

    @Override
    public Map<String, InetSocketAddress> listeners() {
        return listeningPoint == null ? Map.of()
                : Map.of("sip", new InetSocketAddress(listeningPoint.getIPAddress(), listeningPoint.getPort()));
    }

    @Override
    public Map<String, Object> operatorViews() {
        return proxy == null ? Map.of() : Map.of("sip", proxy.view());
    }

    /** The proxy, for tests and operators. */
    public Proxy proxy() {
        return proxy;
    }

    @Override
    public void close() {
        if (provider != null) {
            provider.removeSipListener(proxy);
        }
        if (proxy != null) {
            proxy.close();
        }
        if (stack != null) {
            try {
                if (provider != null) {
                    stack.deleteSipProvider(provider);
                }
                if (listeningPoint != null) {
                    stack.deleteListeningPoint(listeningPoint);
                }
            } catch (Exception e) {
                LOG.debug("SIP stack: {}", e.toString());
            }
            try {
                stack.stop();
            } catch (RuntimeException e) {
                // the RI's UDP processor makes its channels on its own thread and throws when stopped before that
                // thread ran: give it a moment and stop again
                LOG.debug("SIP stack stop, trying again: {}", e.toString());
                try {
                    Thread.sleep(200);
                    stack.stop();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException again) {
                    LOG.warn("SIP stack did not stop cleanly: {}", again.toString());
                }
            }
        }
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cdrs != null) {
            cdrs.close(); // after the timers: a call hung up at its longest has written its CDR
        }
    }
}
