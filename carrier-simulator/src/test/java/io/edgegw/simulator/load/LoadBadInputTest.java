package io.edgegw.simulator.load;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The load generator facing a server that misbehaves: a plain blocking socket speaking through jSMPP's composer and
 * decomposer, so what the generator answers is read by an implementation other than its own.
 */
class LoadBadInputTest {
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    private static final DefaultDecomposer DECOMPOSER = new DefaultDecomposer();
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static byte[] readPdu(DataInputStream in) throws Exception {
        int length = in.readInt();
        byte[] pdu = new byte[length];
        ByteBuffer.wrap(pdu).putInt(length);
        in.readFully(pdu, 4, length - 4);
        return pdu;
    }

    /** Reads until a PDU with {@code commandId} (skipping submit_sm and the like). */
    private static Command readUntil(DataInputStream in, int commandId) throws Exception {
        while (true) {
            Command c = DECOMPOSER.header(readPdu(in));
            if (c.getCommandId() == commandId) {
                return c;
            }
        }
    }

    @Test
    void unservedRequestGetsGenericNackInvalidCommandIdAndABrokenFrameGetsInvalidLengthThenTheBindCloses()
            throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LoadConfig config = LoadConfig.of("127.0.0.1", server.getLocalPort(), "tenant", "pw", 1, 1)
                    .withReceipts(false, 0);
            CompletableFuture<LoadReport> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return new LoadGenerator(config, QUIET).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                var out = socket.getOutputStream();
                Command bind = DECOMPOSER.header(readPdu(in));
                assertEquals(SMPPConstant.CID_BIND_TRANSCEIVER, bind.getCommandId());
                out.write(COMPOSER.bindResp(SMPPConstant.CID_BIND_TRANSCEIVER_RESP, bind.getSequenceNumber(), "smsc"));
                readUntil(in, SMPPConstant.CID_SUBMIT_SM); // left unanswered

                out.write(ByteBuffer.allocate(16).putInt(16).putInt(SMPPConstant.CID_DATA_SM).putInt(0).putInt(900)
                        .array());
                Command nack = readUntil(in, SMPPConstant.CID_GENERIC_NACK);
                assertEquals(SMPPConstant.STAT_ESME_RINVCMDID, nack.getCommandStatus());
                assertEquals(900, nack.getSequenceNumber());

                out.write(ByteBuffer.allocate(16).putInt(3).putInt(SMPPConstant.CID_DELIVER_SM).putInt(0).putInt(901)
                        .array());
                nack = readUntil(in, SMPPConstant.CID_GENERIC_NACK);
                assertEquals(SMPPConstant.STAT_ESME_RINVCMDLEN, nack.getCommandStatus());
                assertEquals(901, nack.getSequenceNumber());
                assertThrows(EOFException.class, () -> readUntil(in, SMPPConstant.CID_GENERIC_NACK));
            }
            LoadReport report = run.get(30, TimeUnit.SECONDS);
            assertEquals(0, report.acknowledged());
            assertEquals(1, report.timedOut()); // the one submit, lost with the connection
        }
    }
}
