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
 * Calls answered through this proxy, by Call-ID: each side's Contact. Only for user agents that ignore our
 * Record-Route (SIPp's built-in scenarios do) and so send in-dialog requests to the proxy's own address without a
 * Route: the Call-ID and From tag then say which side is asking and where the other side is. Requests that carry our
 * Route need none of this. Bounded; an entry leaves with the BYE, or after 12 hours when the table is full.
 */
final class Dialogs {
    private record Dialog(String callerTag, String calleeTag, URI caller, URI callee, long answeredNanos) {
    }

    /** An entry whose BYE never came through is forgotten after this long, once the table is full. */
    private static final long STALE_NANOS = 12L * 3600 * 1_000_000_000L;

    private final ConcurrentHashMap<String, Dialog> byCallId = new ConcurrentHashMap<>();
    private final int max;

    Dialogs(int max) {
        this.max = max;
    }

    /** The INVITE was answered 2xx by the callee. */
    void answered(Request invite, Response ok) {
        ContactHeader caller = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        ContactHeader callee = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        if (caller == null || callee == null) {
            return;
        }
        if (byCallId.size() >= max) {
            long now = System.nanoTime();
            byCallId.values().removeIf(d -> now - d.answeredNanos() > STALE_NANOS);
            if (byCallId.size() >= max) {
                return; // user agents that honour Record-Route still get through; the others cannot hang up here
            }
        }
        byCallId.putIfAbsent(callId(invite), new Dialog(((FromHeader) invite.getHeader(FromHeader.NAME)).getTag(),
                ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag(), caller.getAddress().getURI(),
                callee.getAddress().getURI(), System.nanoTime()));
    }

    /** Where an in-dialog request goes: the other side's Contact; null when the call is not known here. */
    URI otherSide(Request request) {
        Dialog d = byCallId.get(callId(request));
        if (d == null) {
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

    void ended(Request bye) {
        byCallId.remove(callId(bye));
    }

    int size() {
        return byCallId.size();
    }

    private static String callId(Request r) {
        CallIdHeader h = (CallIdHeader) r.getHeader(CallIdHeader.NAME);
        return h == null ? "" : h.getCallId();
    }
}
