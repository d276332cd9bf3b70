package io.edgegw.core.dispatch;

import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.pipeline.JournalFeed;
import io.edgegw.core.spi.CarrierBind;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What becomes of a tenant's message once a carrier answered, or once the gateway gives it up. OK: its carrier
 * message id is journaled for receipts, then it is completed. Throttled: it waits for the bind's pause and uses no
 * attempt. Transient error or no answer: tried again (another carrier of its route first; after a pause growing with
 * each attempt, at once when there was no answer) until its tenant's {@link SubmitLimits} say stop, then it ends with
 * an UNDELIV receipt. Permanent error: a REJECTD receipt. Too old: EXPIRED. No route: UNDELIV. A failed receipt is
 * journaled before the message is completed, so neither is lost in a crash. Dispatcher thread only.
 */
final class SubmitOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(SubmitOutcomes.class);
    /** A transient error's retry waits this long times its attempts so far (at most ten times). */
    static final long RETRY_BACKOFF_NANOS = 500_000_000L;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final JournalFeed journal;
    private final Counter noRoute;
    /** Journal events the ring had no room for; published again next round. */
    private final ArrayDeque<InFlightSubmit> awaitingRing = new ArrayDeque<>();
    private final Map<String, Long> lastNoRouteWarn = new HashMap<>();
    /** Correlations and failed receipts handed to the journal whose message is not completed yet. */
    private int journalPending;

    SubmitOutcomes(JournalFeed journal, Counter noRoute) {
        this.journal = journal;
        this.noRoute = noRoute;
    }

    /** The carrier's answer {@code status} (or {@link Inbox#UNANSWERED}) to {@code s}, offered on {@code bind}. */
    void answered(InFlightSubmit s, CarrierBind bind, int status, String carrierMessageId, long now) {
        if (status == SmppStatus.ESME_ROK) {
            // Correlated whatever the tenant asked: many carriers send receipts regardless, and an unknown
            // receipt would be held unanswered. Which receipts reach the tenant is decided on arrival.
            if (carrierMessageId != null) {
                s.carrierId = bind.carrierId();
                s.carrierMessageId = carrierMessageId;
                journalThenComplete(s);
            } else {
                complete(s);
            }
        } else if (SmppStatus.isThrottle(status)) { // uses no attempt: only the message's age bounds it
            s.lastStatus = status;
            s.notBefore = now + CarrierPool.THROTTLE_PAUSE_NANOS;
            s.lane.retries.addFirst(s);
        } else if (status == Inbox.UNANSWERED || SmppStatus.isTransient(status)) {
            boolean unanswered = status == Inbox.UNANSWERED;
            s.lastBind = bind;
            s.lastStatus = unanswered ? 0 : status; // a failed receipt's err: 000 when there was no answer
            if (s.lane.limits.attemptUsed(s)) {
                s.lane.limits.exhausted(s, status);
                fail(s, "UNDELIV", s.lastStatus);
            } else if (unanswered) { // it already waited out the window's timeout
                s.notBefore = now;
                s.lane.retries.addFirst(s);
            } else {
                s.notBefore = now + RETRY_BACKOFF_NANOS * Math.min(s.attempts, 10);
                s.lane.retries.addLast(s);
            }
        } else {
            fail(s, "REJECTD", status);
        }
    }

    /** {@code s} is past its tenant's maximum age or its own validity: an EXPIRED receipt. */
    void expired(InFlightSubmit s, long nowMillis) {
        s.lane.limits.expired(s, nowMillis);
        fail(s, "EXPIRED", s.lastStatus);
    }

    /** No route takes the destination of {@code s}: an UNDELIV receipt, and a warning once a minute per prefix. */
    void noRoute(InFlightSubmit s, long now) {
        noRoute.increment();
        warnNoRoute(s, now);
        fail(s, "UNDELIV", SmppStatus.ESME_RINVDSTADR);
    }

    /** The journal has on disk what {@code s} waited for: it is complete. */
    void journaled(InFlightSubmit s) {
        journalPending--;
        complete(s);
    }

    /** Publishes what the ring had no room for, in order; how many went. */
    int publishAwaiting() {
        int n = 0;
        while (!awaitingRing.isEmpty() && publish(awaitingRing.peek())) {
            awaitingRing.poll();
            n++;
        }
        return n;
    }

    /** Nothing the journal's ring had no room for waits to be offered again. */
    boolean nothingAwaitingRing() {
        return awaitingRing.isEmpty();
    }

    /** Nothing handed to the journal is waiting to come back completed. */
    boolean settled() {
        return journalPending == 0 && awaitingRing.isEmpty();
    }

    /** Ends a message the gateway gives up on: a failed receipt first (if asked for), completion after. */
    private void fail(InFlightSubmit s, String stat, int status) {
        if (s.wantsReceipt()) {
            s.failStat = stat;
            s.failStatus = status;
            journalThenComplete(s);
        } else {
            complete(s);
        }
    }

    private void journalThenComplete(InFlightSubmit s) {
        s.awaitingJournal = true;
        journalPending++;
        if (!publish(s)) {
            awaitingRing.add(s);
        }
    }

    private boolean publish(InFlightSubmit s) {
        return s.failStat != null
                ? journal.failedReceipt(s, s.gatewayId, s.acceptedMillis, s.failStat, s.failStatus)
                : journal.carrierResponse(s, s.gatewayId, s.carrierId, s.carrierMessageId, s.carrierPartIds);
    }

    private static void complete(InFlightSubmit s) {
        s.lane.inbound.complete(s.ticket);
        s.lane.inFlightGauge = s.lane.inbound.inFlight();
    }

    private void warnNoRoute(InFlightSubmit s, long now) {
        String dest = s.message.destAddr() == null ? "" : s.message.destAddr();
        String key = s.tenantId() + '|' + dest.substring(0, Math.min(4, dest.length()));
        Long last = lastNoRouteWarn.get(key);
        if ((last == null || now - last >= WARN_EVERY_NANOS) && lastNoRouteWarn.size() < 10_000) {
            lastNoRouteWarn.put(key, now);
            LOG.warn("tenant {}: no route for destinations starting {}; failed receipts sent (once a minute per prefix)",
                    s.tenantId(), key.substring(key.indexOf('|') + 1));
        }
    }
}
