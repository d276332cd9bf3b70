package io.edgegw.simulator.sip;

import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.message.SipIds;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.message.SipResponses;
import io.edgegw.sipstack.message.Via;
import io.edgegw.sipstack.transaction.ClientTransaction;
import io.edgegw.sipstack.transaction.Hop;
import io.edgegw.sipstack.transaction.ServerTransaction;
import io.edgegw.sipstack.transaction.TransactionConfig;
import io.edgegw.sipstack.transaction.TransactionLayer;
import io.edgegw.sipstack.transaction.TransactionUser;
import io.edgegw.sipstack.transport.Flow;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.TlsConfig;
import io.edgegw.sipstack.transport.Transport;
import io.edgegw.sipstack.transport.TransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.AllowHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated carrier SIP trunk on sip-stack (UDP and TCP, optionally TLS), playing the called side (UAS): answers
 * each INVITE with an outcome drawn from {@link TrunkConfig#mix()}, answers BYE, CANCEL and OPTIONS, and can hang up
 * answered calls itself. A call's state and timed steps live on the worker owning its Call-ID, so nothing here
 * locks or blocks. {@link #silent(boolean)} makes it read everything and answer nothing.
 */
public final class SimulatedTrunk implements TransactionUser<SipMessage>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTrunk.class);
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS";
    /** Calls held at once; past it new INVITEs get 503, so a caller that never hangs up cannot grow the table. */
    static final int MAX_CALLS = 100_000;

    private final TrunkConfig config;
    private final TransactionConfig timers = SipEndpoint.transactions();
    private final TrunkCounters counters = new TrunkCounters();
    /** The calls of each worker, touched on that worker only. */
    private final Map<String, TrunkCall>[] calls;
    private final AtomicInteger callCount = new AtomicInteger();
    private volatile boolean silent;
    private SipEndpoint endpoint;
    private TransactionLayer<SipMessage> layer;

    @SuppressWarnings("unchecked")
    private SimulatedTrunk(TrunkConfig config) {
        this.config = config;
        this.calls = new Map[timers.workers()];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = new HashMap<>();
        }
    }

    /** Starts a trunk listening as {@code config} says; port 0 picks a free port. */
    public static SimulatedTrunk start(TrunkConfig config) throws IOException {
        SimulatedTrunk trunk = new SimulatedTrunk(config);
        TransportConfig.Builder transports = SipEndpoint.loadBounds(TransportConfig.builder()).host(config.host())
                .udp(config.port())
                .tcp(config.tcp() ? config.port() : -1).ioThreads(Math.min(2, Runtime.getRuntime().availableProcessors()));
        if (config.tlsPort() >= 0) {
            transports.tls(config.tlsPort(), TlsConfig.builder().server(config.tlsCertChain(), config.tlsKey()).build());
        }
        trunk.endpoint = SipEndpoint.start(transports.build(), trunk.timers, trunk, trunk::admit);
        trunk.layer = trunk.endpoint.layer();
        LOG.info("sip trunk on {} mix {}", trunk.listening(), config.mix().weights());
        return trunk;
    }

    /** The UDP port. */
    public int port() {
        return endpoint.port(Transport.UDP);
    }

    /** The bound port of {@code transport}, -1 when the trunk does not listen on it. */
    public int port(Transport transport) {
        return endpoint.port(transport);
    }

    /** e.g. {@code udp 127.0.0.1:5070, tcp 127.0.0.1:5070}. */
    public String listening() {
        StringBuilder out = new StringBuilder();
        for (Transport t : Transport.values()) {
            if (port(t) >= 0) {
                out.append(out.length() == 0 ? "" : ", ").append(t.name().toLowerCase()).append(' ')
                        .append(config.host()).append(':').append(port(t));
            }
        }
        return out.toString();
    }

    public TrunkConfig config() {
        return config;
    }

    public TrunkCounters counters() {
        return counters;
    }

    /** While silent the trunk reads every request and answers none; steps falling due meanwhile are dropped. */
    public void silent(boolean on) {
        silent = on;
    }

    public boolean silent() {
        return silent;
    }

    public String statusLine() {
        return counters.statusLine() + " calls=" + callCount.get() + (silent ? " SILENT" : "");
    }

    /** Before the transaction layer: a silent trunk counts and drops requests, so no transaction answers them. */
    private boolean admit(SipMessage message) {
        if (!silent || !(message instanceof SipRequest request)) {
            return true;
        }
        counters.received(request.method());
        if (!request.isMethod(Request.ACK)) {
            counters.ignored.incrementAndGet();
        }
        return false;
    }

    @Override
    public void onRequest(ServerTransaction<SipMessage> tx) {
        SipRequest request = (SipRequest) tx.request();
        counters.received(request.method());
        switch (request.method()) {
            case Request.INVITE -> invite(tx);
            case Request.BYE -> bye(tx, request);
            case Request.OPTIONS -> respondWithAllow(tx, Response.OK);
            default -> respondWithAllow(tx, Response.METHOD_NOT_ALLOWED);
        }
    }

    private void invite(ServerTransaction<SipMessage> tx) {
        tx.trying();
        if (callCount.get() >= MAX_CALLS) {
            counters.unavailable.incrementAndGet();
            tx.respond(Response.SERVICE_UNAVAILABLE);
            return;
        }
        TrunkCall call = new TrunkCall(tx, config.mix().pick());
        callsOf(call.invite).put(call.callId(), call);
        callCount.incrementAndGet();
        after(call, config.answerLatencyMillis(), () -> firstAnswer(call));
    }

    /** Runs {@code step} for {@code call} after {@code delay} on the call's worker; at once (we are there) for 0. */
    private void after(TrunkCall call, long delay, Runnable step) {
        if (delay == 0) {
            step.run();
        } else {
            call.step(layer.timers().schedule(layer.workerFor(call.invite), step, delay));
        }
    }

    private void firstAnswer(TrunkCall call) {
        if (silent || call.state != TrunkCall.State.SETTING_UP) {
            return;
        }
        switch (call.outcome) {
            case BUSY -> end(call, Response.BUSY_HERE, counters.busy);
            case UNAVAILABLE -> end(call, Response.SERVICE_UNAVAILABLE, counters.unavailable);
            case NO_ANSWER -> {
                counters.unanswered.incrementAndGet();
                ringing(call);
            }
            case ANSWER -> {
                ringing(call);
                after(call, config.ringMillis(), () -> answer(call));
            }
        }
    }

    private void ringing(TrunkCall call) {
        call.tx.respond(withContact(call, Response.RINGING));
    }

    private void answer(TrunkCall call) {
        if (silent || call.state != TrunkCall.State.SETTING_UP) {
            return;
        }
        call.state = TrunkCall.State.ANSWERED;
        call.ok = withContact(call, Response.OK);
        counters.answered.incrementAndGet(); // counted first: whoever reads the answer sees it counted
        call.tx.respond(call.ok);
        if (!call.tx.hop().isReliable()) {
            retransmitOk(call, timers.t1(), timers.t1());
        }
        if (config.callDurationMillis() > 0) {
            after(call, config.callDurationMillis(), () -> hangUp(call));
        }
    }

    /** RFC 3261 13.3.1.4: the UAS core resends its 2xx, T1 doubling up to T2, until the ACK or 64*T1. */
    private void retransmitOk(TrunkCall call, long interval, long elapsed) {
        layer.timers().schedule(layer.workerFor(call.invite), () -> {
            if (!call.acked && call.state == TrunkCall.State.ANSWERED && elapsed < 64 * timers.t1()) {
                call.tx.respond(call.ok);
                long next = Math.min(2 * interval, timers.t2());
                retransmitOk(call, next, elapsed + next);
            } else if (!call.acked && call.state == TrunkCall.State.ANSWERED) {
                call.state = TrunkCall.State.ENDED; // never confirmed: the caller is gone (a BYE still gets 200)
                call.cancelStep();
                forget(call);
            }
        }, interval);
    }

    private void end(TrunkCall call, int status, AtomicLong counter) {
        call.state = TrunkCall.State.ENDED;
        call.cancelStep();
        counter.incrementAndGet(); // counted first: whoever reads the answer sees it counted
        call.tx.respond(status);
        forget(call);
    }

    /** The trunk ends an answered call itself: a BYE inside the call's dialog, over the INVITE's connection if any. */
    private void hangUp(TrunkCall call) {
        if (silent || call.state != TrunkCall.State.ANSWERED) {
            return;
        }
        call.state = TrunkCall.State.ENDED;
        forget(call);
        Flow flow = SipEndpoint.flowOf(call.tx.hop());
        Transport transport = flow == null ? Transport.UDP : flow.transport();
        SipRequest invite = call.invite;
        String target = invite.contacts().isEmpty() ? invite.from().uri() : invite.contacts().get(0).uri();
        InDialog dialog = new InDialog(target, invite.recordRoutes(), invite.to().withTag(call.tx.toTag()),
                invite.from(), invite.callId());
        try {
            Via via = Via.of(transport.name(), contactHost(invite), port(transport), SipIds.branch());
            SipRequest bye = dialog.request(Request.BYE, 1, via);
            Peer next = transport.isStream() ? null : dialog.nextHop(transport);
            Hop hop = next == null ? call.tx.hop() : endpoint.toward(next); // else back where the INVITE came from
            counters.byesSent.incrementAndGet();
            if (layer.send(bye, hop).isEmpty()) {
                counters.byesSent.decrementAndGet(); // the client table is full: not sent after all
            }
        } catch (RuntimeException e) {
            LOG.warn("sip trunk {}: cannot hang up call {}: {}", port(), call.callId(), e.toString());
        }
    }

    private void bye(ServerTransaction<SipMessage> tx, SipRequest request) {
        TrunkCall call = callsOf(request).get(request.callId());
        if (call != null) {
            call.state = TrunkCall.State.ENDED;
            call.cancelStep();
            forget(call);
        }
        tx.respond(Response.OK);
    }

    /** The layer has answered the CANCEL 200; the INVITE it cancels had no final answer yet: 487. */
    @Override
    public void onCancel(ServerTransaction<SipMessage> invite, SipMessage cancel) {
        counters.cancels.incrementAndGet();
        TrunkCall call = callsOf(cancel).get(cancel.callId());
        if (call != null && call.state == TrunkCall.State.SETTING_UP) {
            end(call, Response.REQUEST_TERMINATED, counters.terminated);
        } else {
            invite.respond(Response.REQUEST_TERMINATED);
        }
    }

    @Override
    public void onAck(SipMessage ack, Hop source) {
        TrunkCall call = callsOf(ack).get(ack.callId());
        if (call != null) {
            call.acked = true;
        }
    }

    @Override
    public void onResponse(ClientTransaction<SipMessage> tx, SipMessage response) {
        // only our own BYEs get responses; whatever they say, the call has ended here
    }

    @Override
    public void onTimeout(ClientTransaction<SipMessage> tx) {
        LOG.debug("sip trunk {}: {} timed out", port(), tx.method());
    }

    private void respondWithAllow(ServerTransaction<SipMessage> tx, int status) {
        SipResponse response = SipResponses.create((SipRequest) tx.request(), status, null, tx.toTag());
        response.addHeader(AllowHeader.NAME, ALLOW);
        tx.respond(response);
    }

    /** A dialog-creating response (180, 200): the INVITE's Record-Route copied (RFC 3261 12.1.1) and our Contact. */
    private SipResponse withContact(TrunkCall call, int status) {
        SipResponse response = SipResponses.create(call.invite, status, null, call.tx.toTag());
        for (String route : call.invite.headers(RecordRouteHeader.NAME)) {
            response.addHeader(RecordRouteHeader.NAME, route);
        }
        Flow flow = SipEndpoint.flowOf(call.tx.hop());
        Transport transport = flow == null ? Transport.UDP : flow.transport();
        String uri = "sip:trunk@" + contactHost(call.invite) + ":" + port(transport)
                + (transport == Transport.UDP ? "" : ";transport=" + transport.name().toLowerCase());
        response.addHeader(ContactHeader.NAME, NameAddr.parse("<" + uri + ">").toString());
        return response;
    }

    /** The address callers reach us on: the configured one, or the Request-URI's when we listen on every interface. */
    private String contactHost(SipRequest request) {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return request.requestUri() != null ? request.requestUri().host() : host;
        }
        return host;
    }

    private Map<String, TrunkCall> callsOf(SipMessage message) {
        return calls[layer.workerFor(message).index()];
    }

    private void forget(TrunkCall call) {
        if (callsOf(call.invite).remove(call.callId()) != null) {
            callCount.decrementAndGet();
        }
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
