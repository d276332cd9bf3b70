package io.edgegw.simulator.sip;

import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.message.RequestBuilder;
import io.edgegw.sipstack.message.SipIds;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipRequests;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.message.Via;
import io.edgegw.sipstack.transaction.ClientTransaction;
import io.edgegw.sipstack.transaction.Hop;
import io.edgegw.sipstack.transaction.ServerTransaction;
import io.edgegw.sipstack.transaction.SipMessageCodec;
import io.edgegw.sipstack.transaction.TransactionLayer;
import io.edgegw.sipstack.transaction.TransactionUser;
import io.edgegw.sipstack.transaction.Worker;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.TlsConfig;
import io.edgegw.sipstack.transport.Transport;
import io.edgegw.sipstack.transport.TransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places calls (the calling side, UAC) through a SIP target at a paced rate over UDP, TCP or TLS: INVITE, and on
 * 200 OK an ACK and, after the hold time, a BYE. On sip-stack: one pacer thread places the calls that fall due, and
 * each call then lives on the transaction worker of its Call-ID (responses, hold and setup timers), so no thread
 * per call, no locks. {@link #run()} returns a {@link CallReport}.
 */
public final class CallLoad implements TransactionUser<SipMessage>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallLoad.class);
    /** How often the pacer wakes to place the calls that have fallen due. */
    private static final long TICK_MILLIS = 5;

    /** What an answered INVITE's transaction keeps: the ACK to send again for each retransmitted 2xx. */
    private record Answered(SipRequest ack, Hop hop) {
    }

    private final CallLoadConfig config;
    private final SipEndpoint endpoint;
    private final TransactionLayer<SipMessage> layer;
    private final Transport transport;
    private final Hop target;
    /** The calls of each worker, touched on that worker only. */
    private final Map<String, PlacedCall>[] calls;
    private final ScheduledExecutorService pacer;
    private final CallStats stats = new CallStats();
    private final AtomicInteger underWay = new AtomicInteger();
    private final CountDownLatch allFinished;
    private final CountDownLatch firstAnswered = new CountDownLatch(1);
    private volatile long placed; // written by the pacer thread only
    private long startNanos;
    private volatile long lastPlacedNanos;

    @SuppressWarnings("unchecked")
    public CallLoad(CallLoadConfig config) throws IOException {
        this.config = config;
        this.transport = config.transport();
        this.allFinished = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, config.total()));
        // UDP and TCP listen on a free port (Via and Contact name it); TLS only dials, having no certificate to show
        TransportConfig.Builder transports = SipEndpoint.loadBounds(TransportConfig.builder()).host(config.localHost())
                .ioThreads(Math.min(2, Runtime.getRuntime().availableProcessors()))
                .udp(transport == Transport.UDP ? 0 : -1).tcp(transport == Transport.TCP ? 0 : -1);
        if (transport == Transport.TLS) {
            transports.tlsClient(TlsConfig.builder().serverTrust(config.tlsTrust()).build());
        }
        this.endpoint = SipEndpoint.start(transports.build(), SipEndpoint.transactions(), this, null);
        this.layer = endpoint.layer();
        this.calls = new Map[layer.workers().size()];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = new HashMap<>();
        }
        this.target = endpoint.toward(Peer.of(transport, config.targetHost(), config.targetPort()));
        this.pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-call-load-pacer");
            t.setDaemon(true);
            return t;
        });
    }

    /** The port calls come from: UDP's or TCP's listening port; -1 over TLS (connections from free ports). */
    public int port() {
        return endpoint.port(transport);
    }

    /** Places every call, waits until each has ended (bounded) and reports. Calls still unsettled count as timed out. */
    public CallReport run() throws InterruptedException {
        placeFirst();
        startNanos = System.nanoTime();
        pacer.scheduleAtFixedRate(this::placeDue, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        long boundMillis = config.total() * 1000 / config.callsPerSecond() + config.setupTimeoutMillis()
                + config.holdMillis() + 10_000;
        allFinished.await(boundMillis, TimeUnit.MILLISECONDS);
        pacer.shutdownNow();
        return stats.report(config, placed, startNanos, lastPlacedNanos);
    }

    /**
     * The first call alone, until it gets any response (bounded by the setup timeout, at most 5 s): over TCP and
     * TLS it opens the connection and completes the handshake, so the paced calls do not pile up behind it.
     */
    private void placeFirst() throws InterruptedException {
        if (config.total() > 0) {
            place(placed++);
            firstAnswered.await(Math.min(5_000, config.setupTimeoutMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** On the pacer: places the calls due by now at the target rate, as far as the concurrency bound allows. */
    private void placeDue() {
        long due = Math.min(config.total(),
                (System.nanoTime() - startNanos) * config.callsPerSecond() / 1_000_000_000L + 1);
        while (placed < due && underWay.get() < config.maxConcurrent()) {
            place(placed++);
        }
    }

    private void place(long sequence) {
        underWay.incrementAndGet();
        lastPlacedNanos = System.nanoTime();
        PlacedCall call;
        try {
            call = new PlacedCall(invite(config.numberPrefix() + String.format("%07d", sequence)));
        } catch (RuntimeException e) {
            LOG.warn("call load: cannot build INVITE {}: {}", sequence, e.toString());
            stats.errors.incrementAndGet();
            underWay.decrementAndGet();
            allFinished.countDown();
            firstAnswered.countDown();
            return;
        }
        Worker worker = layer.workerFor(call.invite);
        worker.execute(() -> start(call, worker));
    }

    private SipRequest invite(String number) {
        SipUri uri = SipUri.of(number, config.targetHost(), config.targetPort());
        if (transport != Transport.UDP) {
            uri = uri.withParam("transport", transport.name().toLowerCase());
        }
        String local = config.localHost();
        SipUri contact = SipUri.of("caller", local, port());
        return RequestBuilder.request(Request.INVITE, uri).via(transport.name(), local, port())
                .from(NameAddr.of(SipUri.of("caller", local, -1)))
                .to(NameAddr.of(SipUri.of(number, config.targetHost(), -1)))
                .callId(SipIds.callId(local))
                .contact(NameAddr.of(transport == Transport.UDP ? contact
                        : contact.withParam("transport", transport.name().toLowerCase())))
                .build();
    }

    /** On the call's worker. */
    private void start(PlacedCall call, Worker worker) {
        calls[worker.index()].put(call.callId(), call);
        try {
            call.inviteTx = layer.send(call.invite, target).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("call load: cannot send INVITE {}: {}", call.callId(), e.toString());
        }
        if (call.inviteTx == null) {
            call.settled = true;
            stats.errors.incrementAndGet();
            finish(call);
            return;
        }
        call.setupTimer = layer.timers().schedule(worker, () -> setupTimedOut(call), config.setupTimeoutMillis());
    }

    private void setupTimedOut(PlacedCall call) {
        call.setupTimer = null;
        if (!call.settled) {
            call.settled = true;
            stats.timedOut.incrementAndGet();
            call.inviteTx.cancel();
            finish(call);
        }
    }

    @Override
    public void onResponse(ClientTransaction<SipMessage> tx, SipMessage message) {
        SipResponse response = (SipResponse) message;
        int status = response.statusCode();
        firstAnswered.countDown();
        if (status < 200) {
            return;
        }
        PlacedCall call = callOf(response);
        if (tx.method().equals(Request.BYE)) {
            if (call != null) {
                finish(call);
            }
            return;
        }
        if (!tx.method().equals(Request.INVITE)) {
            return;
        }
        if (status >= 300) {
            if (call != null && !call.settled) {
                settle(call);
                stats.failed(status);
                finish(call);
            }
            return;
        }
        Answered answered = tx.appData();
        if (answered != null) {
            answered.hop.send(SipMessageCodec.INSTANCE.encode(answered.ack)); // a retransmitted 2xx: ACK it again
            return;
        }
        InDialog dialog = dialogOf((SipRequest) tx.request(), response);
        Peer next = transport.isStream() ? null : dialog.nextHop(transport);
        Hop hop = next == null ? target : endpoint.toward(next);
        SipRequest ack = SipRequests.ackFor2xx((SipRequest) tx.request(), response, via());
        tx.appData(new Answered(ack, hop));
        hop.send(SipMessageCodec.INSTANCE.encode(ack));
        if (call != null && !call.settled) {
            settle(call);
            stats.answered.incrementAndGet();
            if (config.holdMillis() > 0) {
                layer.timers().schedule(layer.workerFor(response), () -> bye(call, dialog, hop), config.holdMillis());
                return;
            }
        }
        bye(call, dialog, hop); // at once, or a 2xx that came after we gave up on the call: it is ended all the same
    }

    private void settle(PlacedCall call) {
        call.settled = true;
        call.stopSetupTimer();
        stats.setup(Math.max(0, (System.nanoTime() - call.startNanos) / 1_000));
    }

    private void bye(PlacedCall call, InDialog dialog, Hop hop) {
        if (call != null && call.finished) {
            return; // the far end hung up first
        }
        try {
            if (layer.send(dialog.request(Request.BYE, 2, via()), hop).isEmpty() && call != null) {
                finish(call);
            }
        } catch (RuntimeException e) {
            LOG.warn("call load: cannot send BYE {}: {}", dialog.callId(), e.toString());
            if (call != null) {
                finish(call);
            }
        }
    }

    private InDialog dialogOf(SipRequest invite, SipResponse ok) {
        String remoteTarget = ok.contacts().isEmpty() ? invite.requestUriText() : ok.contacts().get(0).uri();
        java.util.List<NameAddr> routes = new java.util.ArrayList<>(ok.recordRoutes());
        java.util.Collections.reverse(routes);
        return new InDialog(remoteTarget, routes, invite.from(), ok.to(), invite.callId());
    }

    private Via via() {
        return Via.of(transport.name(), config.localHost(), port(), SipIds.branch());
    }

    /** A BYE from the far end (a trunk with a call duration shorter than our hold) ends the call; anything else is 200'd. */
    @Override
    public void onRequest(ServerTransaction<SipMessage> tx) {
        tx.respond(Response.OK);
        PlacedCall call = callOf(tx.request());
        if (call != null && tx.method().equals(Request.BYE)) {
            finish(call);
        }
    }

    @Override
    public void onCancel(ServerTransaction<SipMessage> invite, SipMessage cancel) {
        invite.respond(Response.REQUEST_TERMINATED);
    }

    @Override
    public void onAck(SipMessage ack, Hop source) {
    }

    @Override
    public void onTimeout(ClientTransaction<SipMessage> tx) {
        PlacedCall call = callOf(tx.request());
        if (call == null) {
            return;
        }
        if (tx.method().equals(Request.INVITE) && !call.settled) {
            call.settled = true;
            call.stopSetupTimer();
            stats.timedOut.incrementAndGet();
            finish(call);
        } else if (tx.method().equals(Request.BYE)) {
            finish(call);
        }
    }

    private PlacedCall callOf(SipMessage message) {
        return calls[layer.workerFor(message).index()].get(message.callId());
    }

    private void finish(PlacedCall call) {
        if (!call.finished) {
            call.finished = true;
            call.stopSetupTimer();
            calls[layer.workerFor(call.invite).index()].remove(call.callId());
            underWay.decrementAndGet();
            allFinished.countDown();
            firstAnswered.countDown();
        }
    }

    /** Counts so far, and the setup latency of the calls settled since the previous call; one printer at a time. */
    public Progress progress() {
        return stats.progress(placed, underWay.get());
    }

    /** A progress snapshot: totals so far, and {@code settled} calls' setup percentiles since the last snapshot. */
    public record Progress(long placed, long answered, long failed, long timedOut, int underWay, long settled,
                           double setupP50Millis, double setupP99Millis) {
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        endpoint.close();
    }
}
