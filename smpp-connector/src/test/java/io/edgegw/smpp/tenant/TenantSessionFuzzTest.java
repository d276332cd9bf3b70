package io.edgegw.smpp.tenant;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.edgegw.core.config.BindGuardConfig;
import io.edgegw.core.testing.GatewayConfigs;
import io.edgegw.smpp.FakeCore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Coverage-guided fuzzing (Jazzer) of a tenant session over a real socket: the real {@link TenantServer} pipeline
 * (framing, pre-bind gate, decoder, flow guard, keepalive, session) with the test core behind it. Each input is sent
 * on a fresh connection, unbound or right after a good bind_transceiver, and the connection is then half-closed.
 * Whatever the bytes:
 * <ul>
 *   <li>the gateway closes the connection in the end (no session is left hanging on a peer that has gone);</li>
 *   <li>everything it sends is whole SMPP PDUs: responses, or its own enquire_link, unbind, deliver_sm;</li>
 *   <li>no answer is ESME_RSYSERR and {@code edge_smpp_tenant_session_errors} stays 0: no handler threw and no
 *       exception reached the session, so no input found a bug of ours.</li>
 * </ul>
 */
class TenantSessionFuzzTest {
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    /** Requests the gateway itself sends to a tenant. */
    private static final Set<Integer> GATEWAY_REQUESTS = Set.of(SMPPConstant.CID_ENQUIRE_LINK, SMPPConstant.CID_UNBIND,
            SMPPConstant.CID_DELIVER_SM);
    private static final int MAX_PDU_BYTES = 4096;

    private static FakeCore core;
    private static EventLoopGroup group;
    private static TenantServer server;
    private static InetSocketAddress address;

    @BeforeAll
    static void start() throws Exception {
        core = new FakeCore(List.of(GatewayConfigs.tenant("acme").password("secret").window(10).maxBinds(1000).build()),
                List.of(), 30);
        group = new NioEventLoopGroup(1);
        // Failed binds are part of the input space: no delays or lockouts carried from one input into the next.
        BindGuardConfig lenient = GatewayConfigs.bindGuard().freeFailures(1_000_000).delayMillis(1, 1)
                .lockout(1_000_000, 1_000_000, 1).failuresPerSession(3).build();
        server = new TenantServer(core, group, new TenantSessionSettings(5, 30, MAX_PDU_BYTES, 1000, 30_000, 30_000,
                lenient));
        server.start();
        address = server.boundAddress();
    }

    @AfterAll
    static void stop() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytesBeforeBindAreAnsweredWithinTheProtocol(byte[] input) throws Exception {
        exchange(false, input);
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytesFromABoundTransceiverAreAnsweredWithinTheProtocol(byte[] input) throws Exception {
        exchange(true, input);
    }

    private static void exchange(boolean bound, byte[] input) throws Exception {
        // Jazzer's SSRF detector refuses connections; this one goes to our own listener, whatever the input
        SilentCloseable ourListener = BugDetectors.allowNetworkConnections(
                (host, port) -> port == address.getPort() && address.getAddress().isLoopbackAddress());
        try {
            exchangeOnSocket(bound, input);
        } finally {
            ourListener.close();
        }
    }

    private static void exchangeOnSocket(boolean bound, byte[] input) throws Exception {
        core.submitted.clear();
        double errorsBefore = sessionErrors();
        byte[] replies;
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (bound) {
                out.write(COMPOSER.bind(SMPPConstant.CID_BIND_TRANSCEIVER, 0x7FFF_FFF0, "acme", "secret", "",
                        (byte) 0x34, (byte) 0, (byte) 0, ""));
                byte[] bindResp = readPdu(new DataInputStream(in));
                assertEquals(SMPPConstant.STAT_ESME_ROK, ByteBuffer.wrap(bindResp).getInt(8), "the good bind");
            }
            try {
                out.write(input);
                socket.shutdownOutput();
            } catch (IOException closedAlready) {
                // the gateway may close first (a bad header, too many refusals): what it said is still to be read
            }
            replies = readUntilClosed(in);
        }
        for (ByteBuffer pdu : wholePdus(replies)) {
            int id = pdu.getInt(4);
            int status = pdu.getInt(8);
            assertTrue((id & SMPPConstant.CID_GENERIC_NACK) != 0 || GATEWAY_REQUESTS.contains(id),
                    "the gateway sent request 0x" + Integer.toHexString(id));
            assertTrue(status != SMPPConstant.STAT_ESME_RSYSERR, "answered ESME_RSYSERR: a bug of ours");
        }
        assertEquals(errorsBefore, sessionErrors(), "edge_smpp_tenant_session_errors moved");
    }

    private static double sessionErrors() {
        return core.meters.get("edge_smpp_tenant_session_errors").counter().count();
    }

    private static byte[] readPdu(DataInputStream in) throws IOException {
        int length = in.readInt();
        assertTrue(length >= 16 && length <= MAX_PDU_BYTES, "command_length " + length);
        byte[] pdu = new byte[length];
        ByteBuffer.wrap(pdu).putInt(length);
        in.readFully(pdu, 4, length - 4);
        return pdu;
    }

    /** Everything until the gateway closes; a stall past the socket timeout fails the input. */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("the gateway kept the connection open 10 s after the peer finished sending");
        } catch (IOException reset) {
            // closed with data unread: as good as closed
        }
        return all.toByteArray();
    }

    /** The PDUs in {@code bytes}, each checked for a sane command_length; a cut-off last one is ignored. */
    private static List<ByteBuffer> wholePdus(byte[] bytes) {
        List<ByteBuffer> pdus = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.remaining() >= 16) {
            int length = b.getInt(b.position());
            assertTrue(length >= 16 && length <= MAX_PDU_BYTES, "the gateway sent command_length " + length);
            if (b.remaining() < length) {
                break;
            }
            pdus.add(b.slice(b.position(), length));
            b.position(b.position() + length);
        }
        return pdus;
    }
}
