package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTrunkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.message.RequestBuilder;
import io.edgegw.sipstack.message.SipIds;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.transaction.Worker;
import io.edgegw.sipstack.transport.Transport;

import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends each probed trunk an OPTIONS every {@code probe.intervalMillis} from the proxy's own stack (a client
 * transaction on the OPTIONS' worker; the answer comes back through {@link Proxy#onResponse}), scheduled on the
 * proxy's timer thread. A probe
 * unanswered after one interval (at most JAIN-SIP's own 32 s) failed.
 */
final class Prober implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Prober.class);
    private static final long MAX_WAIT_MILLIS = 32_000;

    private final Calls calls;
    private final Collection<Trunk> trunks;
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    Prober(Calls calls, Collection<Trunk> trunks) {
        this.calls = calls;
        this.trunks = trunks;
    }

    /** Starts probing, the first probe one interval from now (trunks start UP). */
    void start() {
        for (Trunk t : trunks) {
            int every = t.address().probe().intervalMillis();
            if (every > 0) {
                schedules.add(calls.timer.scheduleWithFixedDelay(() -> send(t), every, every, TimeUnit.MILLISECONDS));
            }
        }
    }

    /** On the timer thread: the OPTIONS goes out on its Call-ID's worker, where its answer will come. */
    private void send(Trunk trunk) {
        Probe probe = new Probe(trunk.health());
        try {
            SipRequest options = options(trunk);
            Worker w = calls.workerOf(options);
            w.execute(() -> {
                try {
                    if (calls.layer.send(options, calls.transportHops.toward(trunk.peer()))
                            .map(tx -> { tx.appData(probe); return tx; }).isEmpty()) {
                        probe.notSent("the client transaction table is full");
                        return;
                    }
                    long wait = Math.min(MAX_WAIT_MILLIS, trunk.address().probe().intervalMillis());
                    probe.deadline = calls.timers.schedule(w, probe::timedOut, wait);
                } catch (RuntimeException e) {
                    probe.notSent(e.toString());
                }
            });
        } catch (RuntimeException e) { // never let the schedule die: the trunk would stay in its last state for ever
            probe.notSent(e.toString());
        }
    }

    private SipRequest options(Trunk trunk) {
        Hops h = calls.hops;
        SipTrunkConfig t = trunk.address();
        SipUri target = SipUri.of(null, t.host(), t.port());
        if (trunk.peer().transport() != Transport.UDP) {
            target = target.withParam("transport", trunk.peer().transport().name().toLowerCase());
        }
        int port = trunk.peer().transport() == Transport.TLS ? h.tlsPort : h.port;
        NameAddr self = NameAddr.of(SipUri.of("edgegw", h.host, port));
        return RequestBuilder.request(Request.OPTIONS, target).via(h.via(trunk.peer().transport(), SipIds.branch()))
                .from(self).to(NameAddr.of(target)).callId(SipIds.callId(h.host)).cseq(1).contact(self).build();
    }

    @Override
    public void close() {
        schedules.forEach(s -> s.cancel(false));
    }
}
