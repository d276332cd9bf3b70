package io.edgegw.sip.proxy;

import io.edgegw.sip.cdr.CallDetail;
import io.edgegw.sip.cdr.CdrWriter;

import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls answered through this proxy, by Call-ID, until they end: the places they hold in their tenant's and trunk's
 * limits, what their CDR needs, the timer that hangs them up at {@code sip.maxCallSeconds}, and each side's Contact.
 * The Contacts are also for user agents that ignore our Record-Route (SIPp's built-in scenarios do) and so send
 * in-dialog requests to the proxy's own address without a Route: the Call-ID and From tag then say which side is
 * asking and where the other side is. Bounded; an entry leaves with the BYE, at the longest call duration, or after
 * 12 hours when the table is full. However it leaves, it leaves once: places given back, one CDR written.
 */
final class Dialogs {
    private static final class Dialog {
        final String callerTag;
        final String calleeTag;
        final URI caller;
        final URI callee;
        final long answeredNanos;
        final Lease tenantPlace;
        final Lease channel;
        final CallDetail detail;
        final Request invite;
        final Response ok;
        volatile ScheduledFuture<?> longest;

        Dialog(Request invite, Response ok, Lease tenantPlace, Lease channel, CallDetail detail) {
            ContactHeader callerContact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
            ContactHeader calleeContact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
            this.callerTag = ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag();
            this.calleeTag = ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag();
            this.caller = callerContact == null ? null : callerContact.getAddress().getURI();
            this.callee = calleeContact == null ? null : calleeContact.getAddress().getURI();
            this.answeredNanos = System.nanoTime();
            this.tenantPlace = tenantPlace;
            this.channel = channel;
            this.detail = detail;
            this.invite = invite;
            this.ok = ok;
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
     * table full even of fresh entries ends here at once ("dropped"): user agents that honour Record-Route still get
     * through, the others cannot hang up here, and no place is ever held by a call nobody can end.
     */
    void answered(Request invite, Response ok, Lease tenantPlace, Lease channel, CallDetail detail) {
        Dialog d = new Dialog(invite, ok, tenantPlace, channel, detail);
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
                hangUp.both(over.invite, over.ok);
            }
        }, maxCallSeconds, TimeUnit.SECONDS);
    }

    /** Where an in-dialog request goes: the other side's Contact; null when the call is not known here. */
    URI otherSide(Request request) {
        Dialog d = byCallId.get(callId(request));
        if (d == null || d.caller == null || d.callee == null) {
            return null;
        }
        String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        return (URI) (d.callerTag != null && d.callerTag.equals(fromTag) ? d.callee : d.caller).clone();
    }

    /** True for a 2xx to an INVITE from the callee that answered a call we know: a retransmission to pass on. */
    boolean isAnswerOf(Response response) {
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (response.getStatusCode() / 100 != 2 || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return false;
        }
        CallIdHeader id = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        Dialog d = id == null ? null : byCallId.get(id.getCallId());
        return d != null && d.calleeTag != null
                && d.calleeTag.equals(((ToHeader) response.getHeader(ToHeader.NAME)).getTag());
    }

    /** A BYE passed through: the call is over, hung up by whichever side sent it. */
    void ended(Request bye) {
        String callId = callId(bye);
        Dialog d = byCallId.get(callId);
        if (d != null) {
            String fromTag = ((FromHeader) bye.getHeader(FromHeader.NAME)).getTag();
            end(callId, d.callerTag != null && d.callerTag.equals(fromTag) ? "caller" : "callee");
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
