package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A test receiver: keeps every message as text with its flow, and optionally answers each one back on its flow. */
final class Recorder implements SipReceiver {
    record Received(String text, Peer source, Flow flow) {
    }

    final List<Received> messages = new CopyOnWriteArrayList<>();
    final List<String> transportErrors = new CopyOnWriteArrayList<>();
    private volatile SipTransports transports;
    private volatile Function<String, String> answer;

    /** Answer each message over its flow with {@code answer.apply(text)} (null: no answer). */
    Recorder answering(Function<String, String> answer) {
        this.answer = answer;
        return this;
    }

    void attach(SipTransports transports) {
        this.transports = transports;
    }

    @Override
    public void onMessage(ByteBuf message, Peer source, Flow flow) {
        String text = message.toString(StandardCharsets.UTF_8);
        message.release();
        messages.add(new Received(text, source, flow));
        Function<String, String> reply = answer;
        if (reply != null && transports != null) {
            String response = reply.apply(text);
            if (response != null) {
                transports.send(flow, Unpooled.copiedBuffer(response, StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void onTransportError(Peer peer, String reason) {
        transportErrors.add(peer + " " + reason);
    }

    List<String> texts() {
        return messages.stream().map(Received::text).toList();
    }
}
