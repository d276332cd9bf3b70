package io.edgegw.sip.proxy;

import io.edgegw.sip.cdr.CallDetail;
import io.edgegw.sip.cdr.CdrWriter;

import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls answered through this proxy, by Call-ID, until they end: the places they hold in their tenant's and trunk's
 * limits, what their CDR needs, the timer that hangs them up at {@code sip.maxCallSeconds}, and its two sides
 * ({@link Party}). Only a live call's own sides get in-dialog requests through, each to the other's known target: a
 * signed Route alone would let anyone who saw one call its trunk again, from anywhere, long after. User agents that
 * ignore our Record-Route (SIPp's built-in scenarios do) send to the proxy's own address without a Route; the same
 * table sends them on. Bounded; an entry leaves with the BYE, at the longest call duration, or after
 * 12 hours when the table is full. However it leaves, it leaves once: places given back, one CDR written.
 */
final class Dialogs {
    private static final class Dialog {
        final Party caller;
        final Party callee;
        final long answeredNanos;
        final Lease tenantPlace;
        final Lease channel;
        final CallDetail detail;
        final Request invite;
        final Response ok;
        volatile ScheduledFuture<?> longest;

        Dialog(Request invite, Response ok, Party caller, Party callee, Lease tenantPlace, Lease channel,
               CallDetail detail) {
            this.caller = caller;
            this.callee = callee;
            this.answeredNanos = System.nanoTime();
            this.tenantPlace = tenantPlace;
            this.channel = channel;
            this.detail = detail;
            this.invite = invite;
            this.ok = ok;
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
    record Onward(URI target, List<Address> routeBeyond, Refusal refusal, String tenant) {
        static Onward refused(Refusal r, String tenant) {
            return new Onward(null, List.of(), r, tenant);
        }
    }

    /** An entry whose BYE never came through is forgotten after this long, once the table is full. */
    private static final long STALE_NANOS = 12L * 3600 * 1_000_000_000L;

    private final ConcurrentHashMap<String, Dialog> byCallId = new ConcurrentHashMap<>();
    private final int max;
    private final CdrWriter cdrs;
    private final ScheduledExecutorService timer;
    private final int maxCallSeconds;
    private final HangUp hangUp;

    Dialogs(int max, CdrWriter cdrs, ScheduledExecutorService timer, int maxCallSeconds, HangUp hangUp) {
        this.max = max;
        this.cdrs = cdrs;
        this.timer = timer;
        this.maxCallSeconds = maxCallSeconds;
        this.hangUp = hangUp;
    }

    /**
     * The INVITE was answered 2xx by the callee; the call keeps its places until it ends. A call that finds the
     * table full even of fresh entries ends here at once ("dropped"): its in-dialog requests are then refused, and
     * no place is ever held by a call nobody can end.
     */
    void answered(Request invite, Response ok, Party caller, Party callee, Lease tenantPlace, Lease channel,
                  CallDetail detail) {
        Dialog d = new Dialog(invite, ok, caller, callee, tenantPlace, channel, detail);
        if (byCallId.size() >= max) {
            long now = System.nanoTime();
            for (var e : byCallId.entrySet()) {
                if (now - e.getValue().answeredNanos > STALE_NANOS) {
                    end(e.getKey(), "dropped");
                }
            }
        }
        String callId = callId(invite);
        if (byCallId.size() >= max || byCallId.putIfAbsent(callId, d) != null) {
            finish(d, "dropped");
            return;
        }
        d.longest = timer.schedule(() -> {
            Dialog over = end(callId, "maxDuration");
            if (over != null) {
                hangUp.both(over.invite, over.ok, over.caller.nextCSeq(), over.callee.nextCSeq());
            }
        }, maxCallSeconds, TimeUnit.SECONDS);
    }

    /**
     * Where an in-dialog request goes: only within a live call (its Call-ID, its two tags either way round), only
     * from the address of the side whose From tag it bears, and only to the other side's own target, whatever
     * Request-URI it names. Its CSeq is remembered (not an ACK's) for the BYE the proxy may send in that side's name.
     */
    Onward route(String callId, String fromTag, String toTag, InetAddress source, long cseq, boolean ack) {
        Dialog d = callId == null ? null : byCallId.get(callId);
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
        if (to.target == null) {
            return Onward.refused(Refusal.NO_DIALOG, d.detail.tenant());
        }
        if (!ack) {
            from.sentCSeq(cseq);
        }
        return new Onward((URI) to.target.clone(), to.routeBeyond, null, d.detail.tenant());
    }

    /** True for a 2xx to an INVITE from the callee that answered a call we know: a retransmission to pass on. */
    boolean isAnswerOf(Response response) {
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (response.getStatusCode() / 100 != 2 || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return false;
        }
        CallIdHeader id = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        Dialog d = id == null ? null : byCallId.get(id.getCallId());
        return d != null && d.callee.tag != null
                && d.callee.tag.equals(((ToHeader) response.getHeader(ToHeader.NAME)).getTag());
    }

    /** A BYE passed through: the call is over, hung up by whichever side sent it. */
    void ended(Request bye) {
        String callId = callId(bye);
        Dialog d = byCallId.get(callId);
        if (d != null) {
            String fromTag = ((FromHeader) bye.getHeader(FromHeader.NAME)).getTag();
            end(callId, d.caller.tag != null && d.caller.tag.equals(fromTag) ? "caller" : "callee");
        }
    }

    /** Every call still up ends now (the proxy is stopping), each with its CDR. */
    void endAll(String endedBy) {
        byCallId.keySet().forEach(id -> end(id, endedBy));
    }

    int size() {
        return byCallId.size();
    }

    /** The call leaves the table, if it is still there: null when another path ended it first. */
    private Dialog end(String callId, String endedBy) {
        Dialog d = byCallId.remove(callId);
        if (d != null) {
            finish(d, endedBy);
        }
        return d;
    }

    private void finish(Dialog d, String endedBy) {
        ScheduledFuture<?> t = d.longest;
        if (t != null) {
            t.cancel(false);
        }
        d.tenantPlace.release();
        d.channel.release();
        cdrs.add(d.detail.ended(Instant.now(), endedBy));
    }

    private static String callId(Request r) {
        CallIdHeader h = (CallIdHeader) r.getHeader(CallIdHeader.NAME);
        return h == null ? "" : h.getCallId();
    }
}
