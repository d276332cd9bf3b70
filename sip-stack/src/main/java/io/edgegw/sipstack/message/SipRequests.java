package io.edgegw.sipstack.message;

import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

import java.util.List;

/** Requests derived from others: CANCEL (RFC 3261 9.1), ACK for a non-2xx (17.1.1.3) and for a 2xx (13.2.2.4). */
public final class SipRequests {
    private SipRequests() {
    }

    /** CANCEL: same Request-URI, Call-ID, From, To, CSeq number and Route as the INVITE, only its top Via. */
    public static SipRequest cancel(SipRequest invite) {
        return derived(invite, Request.CANCEL, null);
    }

    /** ACK for a non-2xx final response: as CANCEL, but To is the response's (with its tag). */
    public static SipRequest ackForNon2xx(SipRequest invite, SipResponse response) {
        return derived(invite, Request.ACK, response);
    }

    /**
     * ACK for a 2xx, a new transaction of the dialog: Request-URI the 2xx's Contact, Route its Record-Route reversed,
     * a new Via branch through via, From and Call-ID of the INVITE, To of the response, CSeq number of the INVITE.
     */
    public static SipRequest ackFor2xx(SipRequest invite, SipResponse ok, Via via) {
        List<NameAddr> contacts = ok.contacts();
        String target = contacts.isEmpty() ? invite.requestUriText() : contacts.get(0).uri();
        MessageText text = new MessageText().requestLine(Request.ACK, target)
                .header(HeaderNames.name(HeaderNames.VIA), via.toString());
        List<NameAddr> rr = ok.recordRoutes();
        for (int k = rr.size() - 1; k >= 0; k--) {
            text.header(RouteHeader.NAME, rr.get(k).toString());
        }
        text.header(MaxForwardsHeader.NAME, Integer.toString(SipRequest.DEFAULT_MAX_FORWARDS))
                .header(HeaderNames.name(HeaderNames.FROM), invite.header(HeaderNames.FROM))
                .header(HeaderNames.name(HeaderNames.TO), ok.header(HeaderNames.TO))
                .header(HeaderNames.name(HeaderNames.CALL_ID), invite.callId())
                .header(HeaderNames.name(HeaderNames.CSEQ), new CSeq(invite.cseq().number(), Request.ACK).toString());
        return text.body(null, null).parse(SipRequest.class);
    }

    private static SipRequest derived(SipRequest invite, String method, SipResponse response) {
        MessageText text = new MessageText().requestLine(method, invite.requestUriText())
                .header(HeaderNames.name(HeaderNames.VIA), invite.topVia().toString());
        HeaderFields f = invite.fields;
        for (int i = 0; i < f.size(); i++) {
            byte code = f.code(i);
            if (code == HeaderNames.ROUTE || code == HeaderNames.FROM || code == HeaderNames.CALL_ID
                    || (code == HeaderNames.TO && response == null)) {
                text.field(invite, i);
            }
        }
        if (response != null) {
            text.header(HeaderNames.name(HeaderNames.TO), response.header(HeaderNames.TO));
        }
        text.header(HeaderNames.name(HeaderNames.CSEQ), new CSeq(invite.cseq().number(), method).toString())
                .header(MaxForwardsHeader.NAME, Integer.toString(SipRequest.DEFAULT_MAX_FORWARDS));
        return text.body(null, null).parse(SipRequest.class);
    }
}
