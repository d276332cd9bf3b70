package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.message.SipResponses;
import io.edgegw.sipstack.transport.SipTransports;
import io.edgegw.sipstack.transport.Transport;
import io.edgegw.sipstack.transport.TransportConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIPp's built-in UAC (INVITE/100/180/200/ACK/BYE/200) against a tiny UAS on the transaction layer over real UDP,
 * with SIPp losing 10% of messages so both sides must retransmit: its exit code is 0 only when every call worked.
 */
class SippUacAgainstLayerTest {
    private static final int CALLS = 10;

    /** A UAS as RFC 3261 13.3.1.4 asks: it retransmits its 2xx itself (T1 doubling to T2) until the ACK. */
    private static final class Uas implements TransactionUser<SipMessage> {
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final AtomicInteger invites = new AtomicInteger();
        final AtomicInteger byes = new AtomicInteger();
        final Set<String> byeCallIds = ConcurrentHashMap.newKeySet();
        final AtomicInteger okRetransmissions = new AtomicInteger();
        volatile TransactionLayer<SipMessage> layer;
        volatile int port;

        @Override
        public void onRequest(ServerTransaction<SipMessage> tx) {
            SipRequest request = (SipRequest) tx.request();
            if (request.isMethod(Request.INVITE)) {
                invites.incrementAndGet();
                tx.trying();
                tx.respond(Response.RINGING);
                SipResponse ok = SipResponses.create(request, Response.OK, null, tx.toTag());
                ok.addHeader("Contact", "<sip:uas@127.0.0.1:" + port + ">");
                tx.respond(ok);
                retransmit(tx, ok, request.callId(), layer.config.t1());
            } else {
                if (request.isMethod(Request.BYE)) {
                    byes.incrementAndGet();
                    byeCallIds.add(request.callId());
                }
                tx.respond(Response.OK);
            }
        }

        private void retransmit(ServerTransaction<SipMessage> tx, SipResponse ok, String callId, long interval) {
            layer.timers().schedule(tx.worker, () -> {
                if (!acked.contains(callId) && tx.state() == TransactionState.ACCEPTED) {
                    okRetransmissions.incrementAndGet();
                    tx.respond(ok);
                    retransmit(tx, ok, callId, Math.min(2 * interval, layer.config.t2()));
                }
            }, interval);
        }

        @Override
        public void onAck(SipMessage ack, Hop source) {
            acked.add(ack.callId());
        }

        @Override
        public void onCancel(ServerTransaction<SipMessage> invite, SipMessage cancel) {
            invite.respond(Response.REQUEST_TERMINATED);
        }

        @Override
        public void onResponse(ClientTransaction<SipMessage> tx, SipMessage response) {
        }

        @Override
        public void onTimeout(ClientTransaction<SipMessage> tx) {
        }
    }

    @Test
    void sippCallsSucceedThroughLossWithEveryRetransmissionAbsorbedBelowTheTu(@TempDir Path dir) throws Exception {
        Uas uas = new Uas();
        TransactionConfig config = TransactionConfig.DEFAULT.withWorkers(2).withTimers(100, 400, 500, 2_000, 5);
        try (TransactionLayer<SipMessage> layer = new TransactionLayer<>(config, SipMessageCodec.INSTANCE, uas)) {
            uas.layer = layer;
            TransportHops hops = new TransportHops(layer);
            try (SipTransports transports = SipTransports.start(
                    TransportConfig.builder().host("127.0.0.1").udp(0).tcp(-1).build(), hops)) {
                hops.bind(transports);
                uas.port = transports.port(Transport.UDP);
                int sippPort = freeUdpPort();
                Process sipp = new ProcessBuilder(List.of("sipp", "127.0.0.1:" + uas.port, "-sn", "uac",
                        "-i", "127.0.0.1", "-p", String.valueOf(sippPort), "-m", String.valueOf(CALLS), "-r", "5",
                        "-lost", "10", "-nostdin", "-timeout", "60s", "-timeout_error", "-trace_err"))
                        .directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("sipp.out").toFile()).start();
                if (!sipp.waitFor(90, TimeUnit.SECONDS)) {
                    sipp.destroyForcibly();
                }
                assertEquals(0, sipp.exitValue(), () -> report(dir));
            }
        }
        assertEquals(CALLS, uas.invites.get(), "retransmitted INVITEs never reach the TU");
        // Each BYE reaches the TU once, its retransmissions never. Not every call's BYE need arrive: SIPp takes any
        // 200 as the BYE's answer, so when its BYE is lost a retransmitted 2xx of the INVITE (ACK lost too) ends the
        // call on its side; seen once in CI (9 of 10).
        assertEquals(uas.byeCallIds.size(), uas.byes.get(), "retransmitted BYEs never reach the TU");
        assertTrue(uas.byes.get() <= CALLS && uas.byes.get() > 0, "BYEs reached the TU: " + uas.byes.get());
        // A lost ACK followed by the BYE ends a call too, so not every 200 is ACKed: the ACKs are not asserted.
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static String report(Path dir) {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                sb.append("--- ").append(f.getFileName()).append('\n')
                        .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text);
            }
        } catch (Exception e) {
            sb.append(e);
        }
        return sb.toString();
    }
}
