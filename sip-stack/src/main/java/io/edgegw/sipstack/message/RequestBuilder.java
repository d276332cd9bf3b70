package io.edgegw.sipstack.message;

import javax.sip.header.ContactHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;

import java.util.ArrayList;
import java.util.List;

/**
 * A new request from a user agent (INVITE, BYE, OPTIONS, ACK for a 2xx...): Request-URI, a Via with a fresh
 * z9hG4bK branch, From with a tag, To, Call-ID, CSeq, Max-Forwards, optional Contact, Routes, headers and body.
 * What is not set gets a fresh value (branch, From tag, Call-ID) or the RFC's default (CSeq 1, Max-Forwards 70).
 */
public final class RequestBuilder {
    private final String method;
    private final String requestUri;
    private Via via;
    private NameAddr from;
    private NameAddr to;
    private String callId;
    private long cseq = 1;
    private int maxForwards = SipRequest.DEFAULT_MAX_FORWARDS;
    private NameAddr contact;
    private final List<NameAddr> routes = new ArrayList<>(2);
    private final List<String[]> extra = new ArrayList<>(2);
    private String contentType;
    private byte[] body;

    private RequestBuilder(String method, String requestUri) {
        this.method = method;
        this.requestUri = requestUri;
    }

    /** method: a JAIN-SIP constant such as Request.INVITE. */
    public static RequestBuilder request(String method, SipUri requestUri) {
        return new RequestBuilder(method, requestUri.toString());
    }

    /** The Via this UA sends from, with a fresh branch. */
    public RequestBuilder via(String transport, String host, int port) {
        this.via = Via.of(transport, host, port, SipIds.branch());
        return this;
    }

    public RequestBuilder via(Via v) {
        this.via = v;
        return this;
    }

    /** From; a tag is added when it has none (RFC 3261 8.1.1.3). */
    public RequestBuilder from(NameAddr a) {
        this.from = a;
        return this;
    }

    /** To; within a dialog give it the remote tag. */
    public RequestBuilder to(NameAddr a) {
        this.to = a;
        return this;
    }

    public RequestBuilder callId(String id) {
        this.callId = id;
        return this;
    }

    public RequestBuilder cseq(long number) {
        if (number < 0 || number > CSeq.MAX_NUMBER) {
            throw new IllegalArgumentException("CSeq number out of range: " + number);
        }
        this.cseq = number;
        return this;
    }

    public RequestBuilder maxForwards(int value) {
        this.maxForwards = value;
        return this;
    }

    public RequestBuilder contact(NameAddr a) {
        this.contact = a;
        return this;
    }

    /** Adds a Route value after those given before. */
    public RequestBuilder route(NameAddr a) {
        routes.add(a);
        return this;
    }

    public RequestBuilder header(String name, String value) {
        extra.add(new String[] {HeaderNames.canonical(name), value});
        return this;
    }

    public RequestBuilder body(String type, byte[] content) {
        this.contentType = type;
        this.body = content.clone();
        return this;
    }

    public SipRequest build() {
        if (via == null || from == null || to == null) {
            throw new IllegalStateException("a request needs its Via, From and To");
        }
        NameAddr tagged = from.tag() == null ? from.withTag(SipIds.tag()) : from;
        String id = callId != null ? callId : SipIds.callId(via.host());
        MessageText text = new MessageText().requestLine(method, requestUri)
                .header(HeaderNames.name(HeaderNames.VIA), via.toString());
        for (NameAddr r : routes) {
            text.header(RouteHeader.NAME, r.toString());
        }
        text.header(MaxForwardsHeader.NAME, Integer.toString(maxForwards))
                .header(HeaderNames.name(HeaderNames.FROM), tagged.toString())
                .header(HeaderNames.name(HeaderNames.TO), to.toString())
                .header(HeaderNames.name(HeaderNames.CALL_ID), id)
                .header(HeaderNames.name(HeaderNames.CSEQ), new CSeq(cseq, method).toString());
        if (contact != null) {
            text.header(ContactHeader.NAME, contact.toString());
        }
        for (String[] h : extra) {
            text.header(h[0], h[1]);
        }
        return text.body(contentType, body).parse(SipRequest.class);
    }
}
