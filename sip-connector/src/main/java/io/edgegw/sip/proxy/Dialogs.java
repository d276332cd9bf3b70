package io.edgegw.sip.proxy;

import io.edgegw.sip.cdr.CallDetail;
import io.edgegw.sip.cdr.CdrWriter;
import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.transaction.Hop;
import io.edgegw.sipstack.transaction.TimerWheel;
import io.edgegw.sipstack.transaction.Worker;
import io.edgegw.sipstack.transaction.Workers;
import io.edgegw.sipstack.transport.Peer;
import io.netty.util.Timeout;

import javax.sip.message.Request;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls answered through this proxy, by Call-ID, until they end: the places they hold in their tenant's and trunk's
 * limits, what their CDR needs, the timer that hangs them up at {@code sip.maxCallSeconds}, and its two sides
 * ({@link Party}). Only a live call's own sides get in-dialog requests through, each to the other's known target: a
 * signed Route alone would let anyone who saw one call its trunk again, from anywhere, long after. One table per
 * worker: a Call-ID always lands on the same worker, so no entry is ever touched by two threads and no lock is
 * needed. Bounded (split evenly over the workers); an entry leaves with the BYE, when no ACK came for its 2xx
 * ({@link #NO_ACK_MILLIS}), at the longest call duration, or after 12 hours when the table is full. However it leaves, it leaves once: places given back, one CDR written.
 */
final class Dialogs {
    private static final class Dialog {
        final Party caller;
        final Party callee;
        final long answeredNanos;
        final Lease tenantPlace;
        final Lease channel;
        final CallDetail detail;
        /** How the caller's INVITE came in: a 2xx retransmitted after its transaction ended goes back this way. */
        final Hop callerHop;
        Timeout longest;
        /** An ACK of this dialog passed through: the caller has the 2xx, the call is confirmed. */
        boolean acked;

        Dialog(Party caller, Party callee, Hop callerHop, Lease tenantPlace, Lease channel, CallDetail detail) {
            this.caller = caller;
            this.callee = callee;
            this.callerHop = callerHop;
            this.answeredNanos = System.nanoTime();
            this.tenantPlace = tenantPlace;
            this.channel = channel;
            this.detail = detail;
        }
    }

    /** Why an in-dialog request is not relayed. */
    enum Refusal {
        /** No live call has this Call-ID and these two tags: it never was, or it ended. */
        NO_DIALOG,
        /** The call is up but the request did not come from the address of the side whose tag it bears. */
        NOT_PARTY
    }

    /** Where an in-dialog request goes (the other side's target and Route set), or why it goes nowhere. */
    record Onward(SipUri target, Peer next, List<NameAddr> routeBeyond, Refusal refusal, String tenant) {
        static Onward refused(Refusal r, String tenant) {
            return new Onward(null, null, List.of(), r, tenant);
        }
    }

    /**
     * An answered call whose caller sent no ACK this long after the 2xx is ended (BYE both ways, {@code endedBy:
     * noAck}): the 2xx never reached a caller that still wanted it (a caller that had given up on its INVITE ignores
     * it). 64*T1 is how long the callee retransmits its 2xx for an ACK (RFC 3261 section 13.3.1.4), plus T4 for the
     * last of them; Kamailio's dialog module does likewise (noack_timeout).
     */
    static final long NO_ACK_MILLIS = 32_000 + 5_000;

    /** An entry whose BYE never came through is forgotten after this long, once the table is full. */
    private static final long STALE_NANOS = 12L * 3600 * 1_000_000_000L;

    private final Workers workers;
    private final List<Map<String, Dialog>> byWorker = new ArrayList<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxPerWorker;
    private final CdrWriter cdrs;
    private final TimerWheel timers;
    private final long maxCallMillis;
    private final HangUp hangUp;

    Dialogs(int max, Workers workers, CdrWriter cdrs, TimerWheel timers, int maxCallSeconds, HangUp hangUp) {
        this.workers = workers;
        for (int i = 0; i < workers.size(); i++) {
            byWorker.add(new HashMap<>());
        }
        this.maxPerWorker = Math.max(1, (max + workers.size() - 1) / workers.size());
        this.cdrs = cdrs;
        this.timers = timers;
        this.maxCallMillis = TimeUnit.SECONDS.toMillis(maxCallSeconds);
        this.hangUp = hangUp;
    }

    private Map<String, Dialog> table(Worker w) {
        return byWorker.get(w.index());
    }

    /**
     * The INVITE was answered 2xx by the callee; the call keeps its places until it ends. A call that finds the
     * table full even of fresh entries ends here at once ("dropped"): its in-dialog requests are then refused, and
     * no place is ever held by a call nobody can end. Runs on the call's worker {@code w}.
     */
    void answered(Worker w, String callId, Party caller, Party callee, Hop callerHop, Lease tenantPlace, Lease channel,
                  CallDetail detail) {
        Dialog d = new Dialog(caller, callee, callerHop, tenantPlace, channel, detail);
        Map<String, Dialog> table = table(w);
        if (table.size() >= maxPerWorker) {
            long now = System.nanoTime();
            for (String id : List.copyOf(table.keySet())) {
                if (now - table.get(id).answeredNanos > STALE_NANOS) {
                    end(w, id, "dropped");
                }
            }
        }
        if (table.size() >= maxPerWorker || table.putIfAbsent(callId, d) != null) {
            finish(d, "dropped");
            return;
        }
        size.incrementAndGet();
        // one timer a call: first for the ACK, then for the rest of the longest call
        d.longest = timers.schedule(w, () -> ackDue(w, callId, d), Math.min(NO_ACK_MILLIS, maxCallMillis));
    }

    private void ackDue(Worker w, String callId, Dialog d) {
        if (table(w).get(callId) != d) {
            return; // ended already
        }
        if (maxCallMillis <= NO_ACK_MILLIS || !d.acked) {
            hangUpNow(w, callId, maxCallMillis <= NO_ACK_MILLIS ? "maxDuration" : "noAck");
            return;
        }
        d.longest = timers.schedule(w, () -> hangUpNow(w, callId, "maxDuration"), maxCallMillis - NO_ACK_MILLIS);
    }

    private void hangUpNow(Worker w, String callId, String endedBy) {
        Dialog over = end(w, callId, endedBy);
        if (over != null) {
            hangUp.both(callId, over.caller, over.callee);
        }
    }

    /**
     * Where an in-dialog request goes: only within a live call (its Call-ID, its two tags either way round), only
     * from the address of the side whose From tag it bears, and only to the other side's own target, whatever
     * Request-URI it names. Its CSeq is remembered (not an ACK's) for the BYE the proxy may send in that side's name.
     */
    Onward route(Worker w, String callId, String fromTag, String toTag, InetAddress source, long cseq, boolean ack) {
        Dialog d = callId == null ? null : table(w).get(callId);
        if (d == null || fromTag == null || toTag == null) {
            return Onward.refused(Refusal.NO_DIALOG, null);
        }
        Party from;
        Party to;
        if (fromTag.equals(d.caller.tag) && toTag.equals(d.callee.tag)) {
            from = d.caller;
            to = d.callee;
        } else if (fromTag.equals(d.callee.tag) && toTag.equals(d.caller.tag)) {
            from = d.callee;
            to = d.caller;
        } else {
            return Onward.refused(Refusal.NO_DIALOG, d.detail.tenant());
        }
        if (!from.sent(source)) {
            return Onward.refused(Refusal.NOT_PARTY, d.detail.tenant());
        }
        if (to.target == null || to.next == null) {
            return Onward.refused(Refusal.NO_DIALOG, d.detail.tenant());
        }
        if (ack) {
            d.acked = true;
        } else {
            from.sentCSeq(cseq);
        }
        return new Onward(to.target, to.next, to.routeBeyond, null, d.detail.tenant());
    }

    /**
     * For a 2xx to an INVITE from the callee that answered a call we know, the way back to its caller (a
     * retransmission to pass on); null otherwise.
     */
    Hop answerRoute(Worker w, SipMessage response, int status) {
        if (status / 100 != 2 || !Request.INVITE.equals(response.cseq().method())) {
            return null;
        }
        Dialog d = table(w).get(response.callId());
        NameAddr to = response.to();
        return d != null && d.callee.tag != null && to != null && d.callee.tag.equals(to.tag()) ? d.callerHop : null;
    }

    /** A BYE passed through: the call is over, hung up by whichever side sent it. */
    void ended(Worker w, String callId, String fromTag) {
        Dialog d = table(w).get(callId);
        if (d != null) {
            end(w, callId, d.caller.tag != null && d.caller.tag.equals(fromTag) ? "caller" : "callee");
        }
    }

    /**
     * Every call still up ends now (the proxy is stopping), each with its CDR: on each worker, this thread waiting
     * at most a second for them.
     */
    void endAll(String endedBy) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(workers.size());
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            w.execute(() -> {
                try {
                    for (String id : List.copyOf(table(w).keySet())) {
                        end(w, id, endedBy);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(1, TimeUnit.SECONDS);
    }

    int size() {
        return size.get();
    }

    /** The call leaves the table, if it is still there: null when another path ended it first. */
    private Dialog end(Worker w, String callId, String endedBy) {
        Dialog d = table(w).remove(callId);
        if (d != null) {
            size.decrementAndGet();
            finish(d, endedBy);
        }
        return d;
    }

    private void finish(Dialog d, String endedBy) {
        if (d.longest != null) {
            d.longest.cancel();
        }
        d.tenantPlace.release();
        d.channel.release();
        cdrs.add(d.detail.ended(Instant.now(), endedBy));
    }
}
