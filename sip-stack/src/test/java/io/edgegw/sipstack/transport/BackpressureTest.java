package io.edgegw.sipstack.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A TCP peer that sends requests but never reads our answers must not grow the gateway's memory. */
class BackpressureTest {
    private static final int MAX_PENDING = 256 * 1024;
    private static final String ANSWER = SipText.withBody(0, "x".repeat(1000));

    private SipTransports transports;
    private Socket peer;

    @AfterEach
    void close() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (transports != null) {
            transports.close();
        }
    }

    private Flow connectNonReadingPeer(Duration unwritableTimeout, int maxPending) throws Exception {
        Recorder recorder = new Recorder();
        transports = SipTransports.start(TransportConfig.builder().host("127.0.0.1").tcp(0).ioThreads(1)
                .writeBufferWaterMarks(8 * 1024, 32 * 1024).maxPendingBytes(maxPending)
                .unwritableTimeout(unwritableTimeout).build(), recorder);
        peer = new Socket();
        peer.setReceiveBufferSize(4096); // before connect, so the window stays small
        peer.connect(transports.localAddress(Transport.TCP), 5000);
        peer.getOutputStream().write(SipText.bytes(SipText.options(1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.messages.size() == 1);
        return recorder.messages.get(0).flow();
    }

    @Test
    void nonReadingTcpPeerIsPausedThenCutOffAfterTheUnwritableTimeout() throws Exception {
        // a byte bound past what the kernel buffers (4 MiB here), so only the timeout can cut the peer off
        Flow flow = connectNonReadingPeer(Duration.ofMillis(500), 32 << 20);
        int sent = 0;
        while ((sent % 256 != 0 || flow.channel().config().isAutoRead()) && flow.isOpen() && sent < 30_000) {
            transports.send(flow, SipText.buf(ANSWER));
            if (++sent % 256 == 0) { // twice round the event loop: the batch written, then flushed to the socket
                flow.channel().eventLoop().submit(() -> { }).await(5000);
                flow.channel().eventLoop().submit(() -> { }).await(5000);
            }
        }
        assertFalse(flow.channel().config().isAutoRead(), "reads from the peer paused after " + sent + " answers");
        assertTrue(flow.isOpen(), "not yet cut off");
        await().atMost(Duration.ofSeconds(5)).until(() -> !flow.isOpen());
        assertEquals(1, transports.stats().closed(CloseReason.NOT_READING));
    }

    @Test
    void nonReadingTcpPeerIsCutOffWithItsBufferBounded() throws Exception {
        Flow flow = connectNonReadingPeer(Duration.ofMinutes(5), MAX_PENDING); // only the byte bound can cut it off here
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) { // 50 MB toward a peer whose window is 4 KiB
            if (transports.send(flow, SipText.buf(ANSWER))) {
                accepted++;
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !flow.isOpen());
        TransportStats stats = transports.stats();
        assertEquals(1, stats.closed(CloseReason.NOT_READING));
        assertTrue(stats.droppedNotWritable() + stats.droppedNoConnection() > 0, "sends past the bound were refused");
        assertTrue(accepted < 50_000);
        assertTrue(stats.largestPendingBytes() <= MAX_PENDING + ANSWER.length(),
                "queued toward the peer at most maxPendingBytes and one message: " + stats.largestPendingBytes());
    }
}
