package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipConfig;
import io.edgegw.sip.cdr.CdrWriter;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.transaction.TimerWheel;
import io.edgegw.sipstack.transaction.TransactionLayer;
import io.edgegw.sipstack.transaction.TransportHops;
import io.edgegw.sipstack.transaction.Worker;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.Transport;

import io.netty.util.NetUtil;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every call shares: the transaction layer and its timers, the proxy's hops, the dialogs, CDRs and metrics;
 * and the INVITEs being set up (or waiting in a tenant's call queue), bounded by {@code sip.maxCalls}. Each worker
 * keeps its own set of those calls (a call lives on its Call-ID's worker); only their count is shared, an atomic.
 * A call leaves once it has its final answer; the dialog that follows is {@link Dialogs}' business.
 */
final class Calls {
    final TransactionLayer<SipMessage> layer;
    final TransportHops transportHops;
    final Hops hops;
    final TimerWheel timers;
    /** For work that belongs to no call: tenants' pacers, OPTIONS probe schedules. */
    final ScheduledExecutorService timer;
    final SipConfig config;
    final Dialogs dialogs;
    final CdrWriter cdrs;
    final HangUp hangUp;
    /** Set by the proxy before it takes its first request. */
    SipMetrics metrics;
    private final List<Set<Call>> byWorker = new ArrayList<>();
    private final AtomicInteger settingUp = new AtomicInteger();
    /** {@code sip.failoverCodes}: final answers after which the next trunk is tried. */
    private final Set<Integer> failoverCodes;

    Calls(TransactionLayer<SipMessage> layer, TransportHops transportHops, Hops hops, ScheduledExecutorService timer,
          SipConfig config, CdrWriter cdrs) {
        this.layer = layer;
        this.transportHops = transportHops;
        this.hops = hops;
        this.timers = layer.timers();
        this.timer = timer;
        this.config = config;
        this.cdrs = cdrs;
        this.failoverCodes = Set.copyOf(config.failoverCodes());
        for (int i = 0; i < layer.workers().size(); i++) {
            byWorker.add(new HashSet<>());
        }
        this.hangUp = new HangUp(layer, transportHops, hops);
        this.dialogs = new Dialogs(config.maxCalls() * 10, layer.workers(), cdrs, timers, config.maxCallSeconds(),
                hangUp);
    }

    /** False when {@code maxCalls} are already being set up (answer 503). On the call's worker. */
    boolean admit(Call call) {
        if (settingUp.incrementAndGet() > config.maxCalls()) {
            settingUp.decrementAndGet();
            return false;
        }
        byWorker.get(call.worker.index()).add(call);
        return true;
    }

    /** Whether a trunk's final answer {@code status} sends the call to the next trunk. */
    boolean failsOver(int status) {
        return failoverCodes.contains(status);
    }

    /**
     * Every INVITE still being set up (or waiting in a tenant's call queue) is answered 503: the gateway stops. Each
     * worker answers its own; this thread waits at most a second for them, while the transports are still up.
     */
    void shutDownAll() throws InterruptedException {
        int n = layer.workers().size();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Set<Call> calls = byWorker.get(i);
            layer.workers().get(i).execute(() -> {
                try {
                    List.copyOf(calls).forEach(Call::shutDownInOrder);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(1, TimeUnit.SECONDS);
    }

    /** On the call's worker. */
    void ended(Call call) {
        if (byWorker.get(call.worker.index()).remove(call)) {
            settingUp.decrementAndGet();
        }
    }

    int settingUp() {
        return settingUp.get();
    }

    Worker workerOf(SipMessage m) {
        return layer.workerFor(m);
    }

    /**
     * Where requests to {@code target} go: over a stream transport the connection the party used ({@code
     * connection}, RFC 5626's reuse, since it may not accept connections), else the target's own address when it is
     * an IP literal, else (a name) where the party's own messages came from: nothing is ever looked up on a worker.
     */
    static Peer peerFor(SipUri target, Peer connection) {
        if (connection != null && connection.transport().isStream()) {
            return connection;
        }
        if (target == null) {
            return connection;
        }
        if (!NetUtil.isValidIpV4Address(target.host()) && !NetUtil.isValidIpV6Address(target.host())) {
            // a name would be looked up here, on the event loop that runs the call: a peer's Contact naming a slow
            // DNS zone could then stall every call on the loop. Its requests go where its own messages came from.
            return connection;
        }
        Transport t = target.isSecure() ? Transport.TLS : Hops.transportOf(target.transport());
        int port = target.port() >= 0 ? target.port() : t == Transport.TLS ? 5061 : 5060;
        return new Peer(t, new InetSocketAddress(target.host(), port));
    }
}
