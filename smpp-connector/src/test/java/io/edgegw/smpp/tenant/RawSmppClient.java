package io.edgegw.smpp.tenant;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A bare socket speaking bytes, to send what no well-behaved SMPP library would. */
final class RawSmppClient implements AutoCloseable {
    record Header(int length, int commandId, int status, int sequence) {
    }

    private final Socket socket;
    private final DataInputStream in;

    RawSmppClient(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads one whole PDU and returns its header. */
    Header read() throws IOException {
        int length = in.readInt();
        Header h = new Header(length, in.readInt(), in.readInt(), in.readInt());
        in.skipNBytes(length - 16);
        return h;
    }

    /** True once the gateway has closed the connection (whatever it sent before is skipped). */
    boolean closedByPeer() throws IOException {
        try {
            while (in.read() != -1) {
                // skip whatever the gateway still says (an enquire_link, say) before it closes
            }
            return true;
        } catch (EOFException | SocketTimeoutException e) {
            return e instanceof EOFException;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
