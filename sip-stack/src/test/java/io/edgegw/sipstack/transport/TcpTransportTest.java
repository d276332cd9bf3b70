package io.edgegw.sipstack.transport;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpTransportTest {
    private SipTransports transports;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (transports != null) {
            transports.close();
        }
    }

    private void start(Recorder recorder, TransportConfig.Builder config) throws InterruptedException {
        transports = SipTransports.start(config.host("127.0.0.1").tcp(0).ioThreads(1).build(), recorder);
        recorder.attach(transports);
    }

    private Socket connect() throws Exception {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(transports.localAddress(Transport.TCP), 5000);
        socket.setSoTimeout(5000);
        sockets.add(socket);
        return socket;
    }

    /** Reads until the peer closes the connection; true if it did (a reset counts as closed too). */
    private static boolean closedByPeer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                continue;
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void pipelinedMessagesBackToBackArriveWholeAndInOrder() throws Exception {
        Recorder recorder = new Recorder();
        start(recorder, TransportConfig.builder());
        StringBuilder stream = new StringBuilder();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String message = i % 2 == 0 ? SipText.options(i) : SipText.withBody(i, "body " + i + "\r\n");
            sent.add(message);
            stream.append(message);
        }
        connect().getOutputStream().write(SipText.bytes(stream.toString()));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.messages.size() == 200);
        assertEquals(sent, recorder.texts());
    }

    @Test
    void aMessageWrittenOneByteAtATimeArrivesWhole() throws Exception {
        Recorder recorder = new Recorder();
        start(recorder, TransportConfig.builder());
        OutputStream out = connect().getOutputStream();
        String message = SipText.withBody(7, "split everywhere");
        for (byte b : SipText.bytes(message)) {
            out.write(b);
            out.flush();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.messages.size() == 1);
        assertEquals(message, recorder.messages.get(0).text());
    }

    @Test
    void responseGoesBackOverTheConnectionTheRequestCameOn() throws Exception {
        start(new Recorder().answering(SipText::ok), TransportConfig.builder());
        Socket socket = connect();
        socket.getOutputStream().write(SipText.bytes(SipText.options(3)));
        String response = readMessage(socket.getInputStream());
        assertTrue(response.startsWith("SIP/2.0 200 OK\r\n") && response.contains("Call-ID: call-3\r\n"), response);
    }

    @Test
    void doubleCrlfKeepAliveIsAnsweredWithOneCrlf() throws Exception {
        start(new Recorder(), TransportConfig.builder());
        Socket socket = connect();
        socket.getOutputStream().write(SipText.bytes("\r\n\r\n"));
        InputStream in = socket.getInputStream();
        assertEquals('\r', in.read());
        assertEquals('\n', in.read());
        assertEquals(0, transports.stats().received(), "a ping is no message");
    }

    @Test
    void oversizeMessageClosesTheConnection() throws Exception {
        Recorder recorder = new Recorder();
        start(recorder, TransportConfig.builder().maxMessageBytes(4096));
        Socket socket = connect();
        socket.getOutputStream().write(SipText.bytes(SipText.withBody(1, "x".repeat(5000))));
        assertTrue(closedByPeer(socket));
        await().atMost(Duration.ofSeconds(5)).until(() -> transports.stats().closed(CloseReason.OVERSIZE) == 1);
        assertEquals(0, recorder.messages.size());
    }

    @Test
    void messageWithoutContentLengthClosesTheConnection() throws Exception {
        start(new Recorder(), TransportConfig.builder());
        Socket socket = connect();
        socket.getOutputStream().write(SipText.bytes("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n"));
        assertTrue(closedByPeer(socket));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> transports.stats().closed(CloseReason.BAD_CONTENT_LENGTH) == 1);
    }

    @Test
    void aMessageBeforeLostFramingIsStillAnsweredThenTheConnectionCloses() throws Exception {
        Recorder recorder = new Recorder();
        start(recorder, TransportConfig.builder());
        Socket socket = connect();
        socket.getOutputStream().write(SipText.bytes(SipText.options(1) + "not sip at all\r\n\r\n"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> transports.stats().closed(CloseReason.BAD_CONTENT_LENGTH) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.messages.size() == 1);
        // a worker answers only after the garbage was seen: the answer still goes out, then the connection closes
        String answer = "SIP/2.0 200 OK\r\nCall-ID: call-1\r\nContent-Length: 0\r\n\r\n";
        assertTrue(transports.send(recorder.messages.get(0).flow(), Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8)));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            got.write(b);
        }
        assertEquals(answer, got.toString(StandardCharsets.UTF_8));
        assertEquals(1, recorder.messages.size(), "nothing after the garbage is read");
    }

    @Test
    void messageBegunAndNeverFinishedIsClosedAfterTheReadTimeout() throws Exception {
        start(new Recorder(), TransportConfig.builder().messageReadTimeout(Duration.ofMillis(300)));
        Socket socket = connect();
        socket.getOutputStream().write(SipText.bytes(SipText.options(1).substring(0, 40)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> transports.stats().closed(CloseReason.READ_TIMEOUT) == 1);
        assertTrue(closedByPeer(socket));
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        start(new Recorder(), TransportConfig.builder().idleTimeout(Duration.ofMillis(300)));
        Socket socket = connect();
        socket.getOutputStream().write(SipText.bytes(SipText.options(1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> transports.stats().closed(CloseReason.IDLE) == 1);
        assertTrue(closedByPeer(socket));
    }

    @Test
    void connectionsOverTheCapPerSourceAddressAreRefused() throws Exception {
        Recorder recorder = new Recorder();
        start(recorder, TransportConfig.builder().maxConnectionsPerAddress(2));
        Socket first = connect();
        Socket second = connect();
        Socket third = connect();
        assertTrue(closedByPeer(third));
        assertEquals(1, transports.stats().closed(CloseReason.CONNECTION_LIMIT));
        first.getOutputStream().write(SipText.bytes(SipText.options(1)));
        second.getOutputStream().write(SipText.bytes(SipText.options(2)));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.messages.size() == 2);
        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> transports.stats().openConnections() == 1);
        Socket fourth = connect(); // a slot freed by the close is usable again
        fourth.getOutputStream().write(SipText.bytes(SipText.options(4)));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.messages.size() == 3);
    }

    @Test
    void requestsTowardATcpPeerShareOneConnectionAndItsAnswersComeBack() throws Exception {
        Recorder recorder = new Recorder();
        start(recorder, TransportConfig.builder());
        try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(5000);
            Peer target = new Peer(Transport.TCP, (InetSocketAddress) peer.getLocalSocketAddress());
            for (int i = 0; i < 3; i++) {
                assertTrue(transports.send(target, SipText.buf(SipText.options(i))));
            }
            Socket accepted = peer.accept();
            sockets.add(accepted);
            accepted.setSoTimeout(5000);
            for (int i = 0; i < 3; i++) {
                assertEquals(SipText.options(i), readMessage(accepted.getInputStream()));
            }
            transports.send(target, SipText.buf(SipText.options(3)));
            assertEquals(SipText.options(3), readMessage(accepted.getInputStream()), "same connection reused");
            accepted.getOutputStream().write(SipText.bytes(SipText.ok(SipText.options(0))));
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.messages.size() == 1);
            assertEquals(target, recorder.messages.get(0).source());
        }
    }

    @Test
    void refusedConnectionIsReportedAsATransportError() throws Exception {
        Recorder recorder = new Recorder();
        start(recorder, TransportConfig.builder());
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        transports.send(Peer.of(Transport.TCP, "127.0.0.1", closedPort), SipText.buf(SipText.options(1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.transportErrors.size() == 1);
        assertEquals(1, transports.stats().connectFailures());
    }

    /** Reads one message framed by Content-Length from a blocking socket (test side only). */
    static String readMessage(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("closed after " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
