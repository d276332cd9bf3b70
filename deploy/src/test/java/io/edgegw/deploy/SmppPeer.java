package io.edgegw.deploy;

import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A bare SMPP peer on a chosen loopback source address (127.0.0.2 is another host to the gateway), for hostile
 * behaviour no library allows: guessing passwords, never reading, pipelining binds.
 */
final class SmppPeer implements AutoCloseable {
    static final DefaultComposer COMPOSER = new DefaultComposer();

    record Header(int length, int commandId, int status, int sequence) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    SmppPeer(String source, int port) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] bindTransceiver(int sequence, String systemId, String password) throws Exception {
        return COMPOSER.bind(org.jsmpp.SMPPConstant.CID_BIND_TRANSCEIVER, sequence, systemId, password, "",
                org.jsmpp.SMPPConstant.IF_VERSION_34, (byte) 0, (byte) 0, null);
    }

    static byte[] submit(int sequence) throws Exception {
        return COMPOSER.submitSm(sequence, null, (byte) 1, (byte) 1, "4470001", (byte) 1, (byte) 1, "4470009",
                (byte) 0, (byte) 0, (byte) 0, null, null, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                "hello".getBytes(), new OptionalParameter[0]);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a bind_transceiver and returns the status of its answer. */
    int bind(String systemId, String password) throws Exception {
        send(bindTransceiver(1, systemId, password));
        return read().status();
    }

    Header read() throws IOException {
        int length = in.readInt();
        Header header = new Header(length, in.readInt(), in.readInt(), in.readInt());
        in.skipNBytes(length - 16);
        return header;
    }

    /** Every PDU until the gateway closes the connection; fails if it does not within the socket timeout. */
    int countUntilClosed() throws IOException {
        int n = 0;
        try {
            while (true) {
                read();
                n++;
            }
        } catch (EOFException e) {
            return n;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway did not close the connection (" + n + " PDUs read)", e);
        } catch (IOException reset) {
            return n;
        }
    }

    OutputStream output() {
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
