package io.edgegw.sipstack.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpTransportTest {
    private SipTransports transports;

    @AfterEach
    void close() {
        if (transports != null) {
            transports.close();
        }
    }

    private SipTransports start(Recorder recorder, TransportConfig.Builder config) throws InterruptedException {
        transports = SipTransports.start(config.host("127.0.0.1").udp(0).ioThreads(1).build(), recorder);
        recorder.attach(transports);
        return transports;
    }

    private static String receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void requestOverUdpIsAnsweredFromTheSocketItArrivedOn() throws Exception {
        Recorder recorder = new Recorder().answering(SipText::ok);
        start(recorder, TransportConfig.builder());
        assertTrue(transports.port(Transport.UDP) > 0, "ephemeral port reported");
        try (DatagramSocket client = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(5000);
            byte[] request = SipText.bytes(SipText.options(1));
            client.send(new DatagramPacket(request, request.length, transports.localAddress(Transport.UDP)));
            String response = receive(client);
            assertTrue(response.startsWith("SIP/2.0 200 OK\r\n"), response);
            assertTrue(response.contains("Call-ID: call-1\r\n"), response);
            Recorder.Received received = recorder.messages.get(0);
            assertEquals(SipText.options(1), received.text());
            assertEquals(new Peer(Transport.UDP, (InetSocketAddress) client.getLocalSocketAddress()),
                    received.source());
        }
    }

    @Test
    void requestTowardAUdpPeerLeavesFromTheListeningPort() throws Exception {
        start(new Recorder(), TransportConfig.builder());
        try (DatagramSocket peer = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            for (int i = 0; i < 50; i++) {
                transports.send(new Peer(Transport.UDP, (InetSocketAddress) peer.getLocalSocketAddress()),
                        SipText.buf(SipText.options(i)));
            }
            for (int i = 0; i < 50; i++) {
                DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
                peer.receive(packet);
                assertEquals(transports.port(Transport.UDP), packet.getPort());
                assertEquals(SipText.options(i), new String(packet.getData(), 0, packet.getLength(),
                        StandardCharsets.UTF_8), "in order, whole");
            }
        }
        assertEquals(50, transports.stats().sent());
    }

    @Test
    void datagramOverMaxMessageBytesIsDroppedAndCounted() throws Exception {
        Recorder recorder = new Recorder();
        start(recorder, TransportConfig.builder().maxMessageBytes(2048).maxPendingBytes(1 << 20));
        try (DatagramSocket client = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            byte[] big = SipText.bytes(SipText.withBody(1, "x".repeat(3000)));
            byte[] small = SipText.bytes(SipText.options(2));
            client.send(new DatagramPacket(big, big.length, transports.localAddress(Transport.UDP)));
            client.send(new DatagramPacket(small, small.length, transports.localAddress(Transport.UDP)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.messages.size() == 1);
        assertEquals(SipText.options(2), recorder.messages.get(0).text());
        assertEquals(1, transports.stats().droppedOversize());
    }
}
