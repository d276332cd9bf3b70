package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipIds;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipParseException;
import io.edgegw.sipstack.message.SipParser;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipRequests;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.message.SipResponses;
import io.edgegw.sipstack.message.Via;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** The transaction layer over the stack's own lazy message model. */
public final class SipMessageCodec implements MessageCodec<SipMessage> {
    public static final SipMessageCodec INSTANCE = new SipMessageCodec();

    private SipMessageCodec() {
    }

    @Override
    public SipMessage decode(ByteBuf bytes) throws SipParseException {
        try {
            return SipParser.parse(bytes);
        } finally {
            bytes.release();
        }
    }

    @Override
    public ByteBuf encode(SipMessage message) {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer(512);
        message.encode(out);
        return out;
    }

    @Override
    public boolean isRequest(SipMessage message) {
        return message instanceof SipRequest;
    }

    @Override
    public String method(SipMessage message) {
        return message instanceof SipRequest r ? r.method() : message.cseq().method();
    }

    @Override
    public int status(SipMessage response) {
        return ((SipResponse) response).statusCode();
    }

    @Override
    public String branch(SipMessage message) {
        Via via = message.topVia();
        return via == null ? null : via.branch();
    }

    @Override
    public String sentBy(SipMessage message) {
        Via via = message.topVia();
        if (via == null) {
            return "";
        }
        return via.port() < 0 ? via.host() : via.host() + ":" + via.port();
    }

    @Override
    public int callIdHash(SipMessage message) {
        return message.callIdHash();
    }

    @Override
    public SipMessage response(SipMessage request, int status, String toTag) {
        return SipResponses.create((SipRequest) request, status, null, toTag);
    }

    @Override
    public SipMessage ack(SipMessage invite, SipMessage response) {
        return SipRequests.ackForNon2xx((SipRequest) invite, (SipResponse) response);
    }

    @Override
    public SipMessage badRequest(Exception parseFailure) {
        if (parseFailure instanceof SipParseException e && e.canAnswer400()) {
            String reason = e.reason();
            return SipResponses.create(e.request(), javax.sip.message.Response.BAD_REQUEST,
                    reason == null || reason.isEmpty() ? null : reason, SipIds.tag());
        }
        return null;
    }

    @Override
    public SipMessage cancel(SipMessage invite) {
        return SipRequests.cancel((SipRequest) invite);
    }
}
