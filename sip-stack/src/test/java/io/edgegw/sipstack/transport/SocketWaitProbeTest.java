package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SocketWaitProbe} over a real UDP socket: probes are sent from another thread, dropped by the listener (never
 * handed up as messages), and while the event loop does not read, the probes sent meanwhile show as the socket's
 * backlog ({@link SipTransports#udpBacklogNanos()}), which goes back to 0 once the loop reads again.
 */
class SocketWaitProbeTest {
    private SipTransports transports;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final SipReceiver receiver = new SipReceiver() {
        @Override
        public void onMessage(ByteBuf message, Peer source, Flow flow) {
            messages.add(message.toString(java.nio.charset.StandardCharsets.UTF_8));
            message.release();
        }
    };

    @AfterEach
    void close() {
        if (transports != null) {
            transports.close();
        }
    }

    @Test
    void probesAreReadAndDroppedAndAnIdleSocketHasNoBacklog() throws Exception {
        transports = SipTransports.start(TransportConfig.builder().host("127.0.0.1").udp(0).ioThreads(1).build(),
                receiver);
        SocketWaitProbe probe = transports.udpProbe();
        await().until(() -> probe.sent() >= 3);
        await().until(() -> transports.udpBacklogNanos() == 0);
        assertEquals(List.of(), messages, "a probe is never a message");
    }

    @Test
    void whileTheLoopDoesNotReadTheProbesSentMeanwhileAreItsBacklog() throws Exception {
        TransportConfig config = TransportConfig.builder().host("127.0.0.1").udp(0).ioThreads(1).build();
        EventLoopGroup loops = SipTransports.eventLoops(config);
        transports = SipTransports.start(config, receiver, loops);
        SocketWaitProbe probe = transports.udpProbe();

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loops.next().execute(() -> { // the loop is busy: nothing is read from the socket meanwhile
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] request = SipText.bytes(SipText.options(1));
            client.send(new DatagramPacket(request, request.length, transports.localAddress(Transport.UDP)));
        }
        long sentBefore = probe.sent();
        await().until(() -> probe.sent() > sentBefore); // a probe went in behind the message
        long backlog = transports.udpBacklogNanos();
        assertTrue(backlog > 0, "the unread probe shows as backlog: " + backlog);
        await().until(() -> transports.udpBacklogNanos() > backlog); // and it keeps ageing while nothing is read

        release.countDown();
        await().until(() -> messages.size() == 1);
        assertEquals(SipText.options(1), messages.get(0));
        await().until(() -> transports.udpBacklogNanos() == 0);
    }
}
