package io.edgegw.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/** A hand-written SIP peer over one UDP socket, for what SIPp's built-in scenarios do not cover. */
final class RawSip implements AutoCloseable {
    private final DatagramSocket socket;
    private final String host;

    RawSip(String localAddress) throws IOException {
        this(localAddress, 0);
    }

    RawSip(String localAddress, int port) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), port));
        socket.setSoTimeout(10_000);
        host = localAddress;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** An out-of-dialog request from this peer; {@code branch} and {@code callId} say which transaction and call. */
    String request(String method, String user, InetSocketAddress to, String branch, String callId) {
        return method + " sip:" + user + "@" + to.getAddress().getHostAddress() + ":" + to.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host + ":" + port() + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@" + host + ">;tag=raw1\r\n"
                + "To: <sip:" + user + "@" + to.getAddress().getHostAddress() + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:caller@" + host + ":" + port() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static String newBranch() {
        return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A response to {@code request} as a user agent would write it: its Vias, From, To (with a tag), Call-ID, CSeq. */
    static String response(String request, int status, String reason) {
        StringBuilder sb = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String line : request.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase() : "";
            switch (name) {
                case "via", "v", "from", "f", "call-id", "i", "cseq" -> sb.append(line).append("\r\n");
                case "to", "t" -> sb.append(line).append(line.contains(";tag=") ? "" : ";tag=trunk1").append("\r\n");
                default -> {
                }
            }
        }
        return sb.append("Content-Length: 0\r\n\r\n").toString();
    }

    void send(String message, InetSocketAddress to) throws IOException {
        send(message.getBytes(StandardCharsets.UTF_8), to);
    }

    /** Bytes as they are, for messages that are not UTF-8. */
    void send(byte[] b, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(b, b.length, to));
    }

    /** The next message; fails the test after 10 s of silence. */
    Received receive() throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            fail("no SIP message within 10 s on " + host + ":" + port());
        }
        return new Received(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8),
                (InetSocketAddress) p.getSocketAddress());
    }

    /** The next message within {@code millis}, or null when none came (for counting what does or does not arrive). */
    Received poll(int millis) throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(millis);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(10_000);
        }
        return new Received(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8),
                (InetSocketAddress) p.getSocketAddress());
    }

    /** Reads until a message whose first line starts with {@code start} (e.g. "INVITE ", "SIP/2.0 4"). */
    Received receiveStarting(String start) throws IOException {
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Received r = receive();
            if (r.text().startsWith(start)) {
                return r;
            }
            skipped.add(r.firstLine());
        }
        return fail("no message starting '" + start + "'; got " + skipped);
    }

    /** The status of the first final response (1xx skipped) whose CSeq names {@code method}. */
    int finalStatus(String method) throws IOException {
        for (int i = 0; i < 20; i++) {
            Received r = receive();
            if (r.text().startsWith("SIP/2.0 ") && r.status() >= 200 && r.cseqMethod().equals(method)) {
                return r.status();
            }
        }
        return fail("no final response to " + method);
    }

    /** Reads until a response with this status to this method (others, e.g. retransmissions, are skipped). */
    Received response(int status, String method) throws IOException {
        for (int i = 0; i < 20; i++) {
            Received r = receive();
            if (r.text().startsWith("SIP/2.0 ") && r.status() == status && r.cseqMethod().equals(method)) {
                return r;
            }
        }
        return fail("no " + status + " to " + method);
    }

    record Received(String text, InetSocketAddress from) {
        String firstLine() {
            return text.substring(0, text.indexOf("\r\n"));
        }

        int status() {
            return Integer.parseInt(text.substring(8, 11));
        }

        String cseqMethod() {
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase().startsWith("cseq:")) {
                    String[] parts = line.substring(5).trim().split("\\s+");
                    return parts[1];
                }
            }
            return "";
        }

        /** The value of the first header line named {@code name} (e.g. "CSeq"), or null. */
        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase().startsWith(name.toLowerCase() + ":")) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }

        boolean hasHeaderLine(String prefix) {
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase().startsWith(prefix.toLowerCase())) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
