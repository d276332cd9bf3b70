package io.edgegw.sip.proxy;

import io.edgegw.core.config.SipTrunkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends each probed trunk an OPTIONS every {@code probe.intervalMillis} from the proxy's own stack (a client
 * transaction; the answer comes back through {@link Proxy#processResponse}), on the proxy's timer thread. A probe
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

    private void send(Trunk trunk) {
        Probe probe = new Probe(trunk.health());
        try {
            Request options = options(trunk.address());
            probe.transaction = calls.provider.getNewClientTransaction(options);
            probe.transaction.setApplicationData(probe);
            probe.transaction.sendRequest();
            long wait = Math.min(MAX_WAIT_MILLIS, trunk.address().probe().intervalMillis());
            probe.deadline = calls.timer.schedule(probe::timedOut, wait, TimeUnit.MILLISECONDS);
            LOG.debug("OPTIONS sent to carrier {}", trunk);
        } catch (Exception e) { // never let the schedule die: the trunk would stay in its last state for ever
            probe.notSent(e.toString());
        }
    }

    private Request options(SipTrunkConfig trunk) throws Exception {
        Hops h = calls.hops;
        SipURI target = h.addresses.createSipURI(null, trunk.host());
        target.setPort(trunk.port());
        if ("tcp".equals(trunk.transport())) {
            target.setTransportParam("tcp");
        }
        SipURI self = h.addresses.createSipURI("edgegw", h.host);
        self.setPort(h.port);
        Address from = h.addresses.createAddress(self);
        CallIdHeader callId = calls.provider.getNewCallId();
        List<ViaHeader> via = List.of(h.headers.createViaHeader(h.host, h.port, h.transport, Hops.newBranch()));
        Request r = h.messages.createRequest(target, Request.OPTIONS, callId,
                h.headers.createCSeqHeader(1L, Request.OPTIONS),
                h.headers.createFromHeader(from, Long.toHexString(UUID.randomUUID().getMostSignificantBits())),
                h.headers.createToHeader(h.addresses.createAddress(target), null), via,
                h.headers.createMaxForwardsHeader(70));
        r.addHeader(h.headers.createContactHeader(from));
        return r;
    }

    @Override
    public void close() {
        schedules.forEach(s -> s.cancel(false));
    }
}
