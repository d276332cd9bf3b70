package io.edgegw.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A carrier trunk on its own thread that answers by a script the test changes as it goes: OPTIONS with a code (0 =
 * silent), INVITEs with a final code at once (a 2xx with a Contact); counts what it got. Other requests (ACK) are only read.
 */
final class ScriptedTrunk implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    volatile int optionsAnswer = 200;
    volatile int inviteAnswer = 486;
    final AtomicInteger options = new AtomicInteger();
    final AtomicInteger invites = new AtomicInteger();

    ScriptedTrunk() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::run, "scripted-trunk-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void run() {
        byte[] buf = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                int code = 0;
                if (text.startsWith("OPTIONS ")) {
                    options.incrementAndGet();
                    code = optionsAnswer;
                } else if (text.startsWith("INVITE ")) {
                    invites.incrementAndGet();
                    code = inviteAnswer;
                }
                if (code > 0) {
                    String answer = RawSip.response(text, code, "Scripted");
                    if (code / 100 == 2) { // RFC 3261 section 13.3.1.4: a 2xx to an INVITE carries a Contact
                        answer = answer.replace("Content-Length: 0", "Contact: <sip:trunk@127.0.0.1:" + port()
                                + ">\r\nContent-Length: 0");
                    }
                    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a lost datagram is what UDP does; keep serving
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
