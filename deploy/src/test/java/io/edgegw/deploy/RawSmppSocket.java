package io.edgegw.deploy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A bare TCP peer for sending what no SMPP library would: PDUs out of order, bad lengths, garbage. */
final class RawSmppSocket implements AutoCloseable {
    /** The 16-octet header of a PDU the gateway sent back. */
    record Header(int length, int commandId, int status, int sequence) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawSmppSocket(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one PDU and returns its header (the body is skipped). */
    Header read() throws IOException {
        int length = in.readInt();
        Header header = new Header(length, in.readInt(), in.readInt(), in.readInt());
        in.skipNBytes(length - 16);
        return header;
    }

    /** Reads one whole PDU, header and body. */
    byte[] readPdu() throws IOException {
        int length = in.readInt();
        byte[] pdu = new byte[length];
        java.nio.ByteBuffer.wrap(pdu).putInt(length);
        in.readFully(pdu, 4, length - 4);
        return pdu;
    }

    /** True once the gateway has closed the connection (end of stream within the socket timeout). */
    boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain whatever was in flight before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
