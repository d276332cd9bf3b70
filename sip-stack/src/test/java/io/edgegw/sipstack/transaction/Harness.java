package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipParser;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.message.SipResponses;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real transaction layer on real workers and timers with short RFC timers (T1 25 ms, T2 100 ms, T4 50 ms,
 * Timer D 200 ms), fed parsed messages and sending to {@link Wire}s.
 */
final class Harness implements AutoCloseable {
    static final long T1 = 25;

    final Recorder tu = new Recorder();
    final TransactionLayer<SipMessage> layer;

    Harness() {
        this(config());
    }

    Harness(TransactionConfig config) {
        layer = new TransactionLayer<>(config, SipMessageCodec.INSTANCE, tu);
    }

    static TransactionConfig config() {
        return TransactionConfig.DEFAULT.withWorkers(2).withTimers(T1, 4 * T1, 2 * T1, 8 * T1, 1).withCaps(1000, 1000);
    }

    static SipRequest request(String method, String callId, String branch, long cseq) {
        String text = method + " sip:bob@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
                + "To: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:alice@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SipRequest) parse(text);
    }

    static SipRequest invite(String callId, String branch) {
        return request("INVITE", callId, branch, 1);
    }

    /** A response as the far end would send it to a request we sent (parsed back from the wire). */
    static SipResponse answer(SipMessage sentRequest, int status) {
        SipResponse r = SipResponses.create((SipRequest) sentRequest, status, null, status == 100 ? null : "b1");
        return (SipResponse) parse(new String(r.toByteArray(), StandardCharsets.UTF_8));
    }

    static SipMessage parse(String text) {
        try {
            return SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void deliver(SipMessage message, Wire from) {
        layer.receive(message, from);
    }

    /** Runs {@code action} on the transaction's worker, as a TU would, and waits for it. */
    <T> T onWorker(SipMessage callOf, Supplier<T> action) {
        CompletableFuture<T> done = new CompletableFuture<>();
        layer.workerFor(callOf).execute(() -> {
            try {
                done.complete(action.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void onWorker(Transaction<SipMessage> tx, Runnable action) {
        onWorker(tx.request(), () -> {
            action.run();
            return null;
        });
    }

    ClientTransaction<SipMessage> send(SipRequest request, Wire to) {
        Optional<ClientTransaction<SipMessage>> tx = onWorker(request, () -> layer.send(request, to));
        return tx.orElseThrow();
    }

    @Override
    public void close() {
        layer.close();
    }
}
