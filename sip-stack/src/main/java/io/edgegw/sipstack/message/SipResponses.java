package io.edgegw.sipstack.message;

import gov.nist.javax.sip.message.SIPResponse;

/** Responses to a request (RFC 3261 section 8.2.6). */
public final class SipResponses {
    private SipResponses() {
    }

    /** A response with the standard reason phrase and no To tag (a 100 Trying, or a stateless answer). */
    public static SipResponse create(SipRequest request, int status) {
        return create(request, status, null, null);
    }

    /**
     * The response: every Via, From, To, Call-ID and CSeq copied as they are in the request, and Timestamp
     * (8.2.6.1); toTag added to To when given and To has none (8.2.6.2). reason null: the RFC's phrase for status.
     */
    public static SipResponse create(SipRequest request, int status, String reason, String toTag) {
        String phrase = reason != null ? reason : SIPResponse.getReasonPhrase(status);
        MessageText text = new MessageText().statusLine(status, phrase == null || phrase.isEmpty() ? "Unknown" : phrase);
        HeaderFields f = request.fields;
        for (int i = 0; i < f.size(); i++) {
            byte code = f.code(i);
            if (code == HeaderNames.TO && toTag != null) {
                NameAddr to = NameAddr.parse(f.value(i));
                if (to != null && to.tag() == null) {
                    text.header(HeaderNames.name(HeaderNames.TO), f.value(i).trim() + ";tag=" + toTag);
                    continue;
                }
            }
            if (code == HeaderNames.VIA || code == HeaderNames.FROM || code == HeaderNames.TO
                    || code == HeaderNames.CALL_ID || code == HeaderNames.CSEQ
                    || (status == javax.sip.message.Response.TRYING
                        && f.is(i, HeaderNames.OTHER, javax.sip.header.TimeStampHeader.NAME))) {
                text.field(request, i);
            }
        }
        // only a 400 to a request refused by the parser can have an unreadable CSeq: it is copied as it came
        return text.body(null, null).parse(SipResponse.class, request.cseq() == null);
    }
}
