package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipParser;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The far end of a hop in unit tests: keeps every message the layer sent, parsed back by the real parser. */
final class Wire implements Hop {
    private final boolean reliable;
    private final ConcurrentLinkedQueue<SipMessage> sent = new ConcurrentLinkedQueue<>();

    Wire(boolean reliable) {
        this.reliable = reliable;
    }

    static Wire udp() {
        return new Wire(false);
    }

    static Wire tcp() {
        return new Wire(true);
    }

    @Override
    public boolean isReliable() {
        return reliable;
    }

    @Override
    public void send(ByteBuf message) {
        try {
            sent.add(SipParser.parse(message));
        } catch (Exception e) {
            throw new AssertionError("the layer sent something unparsable", e);
        } finally {
            message.release();
        }
    }

    List<SipMessage> sent() {
        return List.copyOf(sent);
    }

    long responses(int status) {
        return sent.stream().filter(m -> m instanceof SipResponse r && r.statusCode() == status).count();
    }

    long requests(String method) {
        return sent.stream().filter(m -> m instanceof SipRequest r && r.method().equals(method)).count();
    }

    List<SipRequest> requestsOf(String method) {
        return sent.stream().filter(m -> m instanceof SipRequest r && r.method().equals(method))
                .map(SipRequest.class::cast).toList();
    }
}
