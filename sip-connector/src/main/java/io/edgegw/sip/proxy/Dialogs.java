package io.edgegw.sip.proxy;

import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls answered through this proxy, by Call-ID: the places they hold in their tenant's and trunk's limits, given
 * back when the call ends, and each side's Contact. The Contacts are for user agents that ignore our Record-Route
 * (SIPp's built-in scenarios do) and so send in-dialog requests to the proxy's own address without a Route: the
 * Call-ID and From tag then say which side is asking and where the other side is. Bounded; an entry leaves with the
 * BYE, or after 12 hours when the table is full (and its places are given back then).
 */
final class Dialogs {
    private record Dialog(String callerTag, String calleeTag, URI caller, URI callee, long answeredNanos,
                          Lease tenantPlace, Lease channel) {
        void end() {
            tenantPlace.release();
            channel.release();
        }
    }

    /** An entry whose BYE never came through is forgotten after this long, once the table is full. */
    private static final long STALE_NANOS = 12L * 3600 * 1_000_000_000L;

    private final ConcurrentHashMap<String, Dialog> byCallId = new ConcurrentHashMap<>();
    private final int max;

    Dialogs(int max) {
        this.max = max;
    }

    /**
     * The INVITE was answered 2xx by the callee; the call keeps its places until it ends. A call that finds the
     * table full even of fresh entries gives them back at once: user agents that honour Record-Route still get
     * through, the others cannot hang up here, and no place is ever held by a call nobody can end.
     */
    void answered(Request invite, Response ok, Lease tenantPlace, Lease channel) {
        ContactHeader caller = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        ContactHeader callee = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        Dialog d = new Dialog(((FromHeader) invite.getHeader(FromHeader.NAME)).getTag(),
                ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag(), caller == null ? null : caller.getAddress().getURI(),
                callee == null ? null : callee.getAddress().getURI(), System.nanoTime(), tenantPlace, channel);
        if (byCallId.size() >= max) {
            long now = System.nanoTime();
            for (var e : byCallId.entrySet()) {
                if (now - e.getValue().answeredNanos() > STALE_NANOS && byCallId.remove(e.getKey(), e.getValue())) {
                    e.getValue().end();
                }
            }
        }
        if (byCallId.size() >= max || byCallId.putIfAbsent(callId(invite), d) != null) {
            d.end();
        }
    }

    /** Where an in-dialog request goes: the other side's Contact; null when the call is not known here. */
    URI otherSide(Request request) {
        Dialog d = byCallId.get(callId(request));
        if (d == null || d.caller() == null || d.callee() == null) {
            return null;
        }
        String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        return (URI) (d.callerTag() != null && d.callerTag().equals(fromTag) ? d.callee() : d.caller()).clone();
    }

    /** True for a 2xx to an INVITE from the callee that answered a call we know: a retransmission to pass on. */
    boolean isAnswerOf(Response response) {
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (response.getStatusCode() / 100 != 2 || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return false;
        }
        CallIdHeader id = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        Dialog d = id == null ? null : byCallId.get(id.getCallId());
        return d != null && d.calleeTag() != null
                && d.calleeTag().equals(((ToHeader) response.getHeader(ToHeader.NAME)).getTag());
    }

    /** A BYE passed through: the call is over, its places given back (once, however many BYEs come). */
    void ended(Request bye) {
        Dialog d = byCallId.remove(callId(bye));
        if (d != null) {
            d.end();
        }
    }

    int size() {
        return byCallId.size();
    }

    private static String callId(Request r) {
        CallIdHeader h = (CallIdHeader) r.getHeader(CallIdHeader.NAME);
        return h == null ? "" : h.getCallId();
    }
}
