package io.edgegw.smpp.carrier;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.testing.GatewayConfigs;
import io.edgegw.smpp.FakeCore;
import io.edgegw.smpp.guard.WritabilityGuard;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13: no channel checked writability, so a carrier that stops reading could grow the gateway's memory. */
class NonReadingCarrierTest {
    private static final int WINDOW = 40_000;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private SmppCarrierBind bind;
    private ServerSocket listener;
    private Socket carrierSide;

    @AfterEach
    void stop() throws Exception {
        if (bind != null) {
            bind.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (carrierSide != null) {
            carrierSide.close();
        }
        listener.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void carrierThatStopsReadingIsNotWrittenToBeyondTheWaterMark() throws Exception {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setReceiveBufferSize(4096); // small, so the socket buffers fill early and Netty's own queue grows
        // a window far larger than the water mark allows, so only writability can bound what is queued; and larger
        // than the kernel can absorb (40,000 submits of ~290 bytes is past tcp_wmem's 4 MiB ceiling), or a send buffer
        // that autotunes up swallows the whole window before Netty ever queues and the window alone stops the offers
        CarrierConfig carrier = GatewayConfigs.carrier("mute").endpoint("127.0.0.1", listener.getLocalPort())
                .window(WINDOW).responseTimeoutMillis(60_000).reconnectDelayMillis(100).build();
        FakeCore core = new FakeCore(List.of(), List.of(carrier), 30);
        bind = new SmppCarrierBind(core, carrier, carrier.endpoints().get(0), 1, group.next());
        bind.start();

        carrierSide = listener.accept();
        DataInputStream in = new DataInputStream(carrierSide.getInputStream());
        int length = in.readInt();
        in.readInt();
        in.readInt();
        int sequence = in.readInt();
        in.skipNBytes(length - 16);
        carrierSide.getOutputStream().write(new DefaultComposer().bindResp(
                SMPPConstant.CID_BIND_TRANSCEIVER_RESP, sequence, "mute"));
        await().atMost(Duration.ofSeconds(10)).until(bind::isReady);
        // from here the carrier reads nothing

        byte[] text = new byte[200];
        Arrays.fill(text, (byte) 'x');
        ShortMessage big = new ShortMessage((byte) 1, (byte) 1, "15550001", (byte) 1, (byte) 1, "15550002",
                (byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 0, text);
        long[] maxPending = {0};
        int[] offered = {0};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> {
            for (int i = 0; i < 50 && bind.offer(new SmppCarrierBindTest.Outbound("acme", "gw-" + offered[0], big)); i++) {
                offered[0]++;
            }
            bind.flush();
            maxPending[0] = Math.max(maxPending[0], bind.pendingOutboundBytes());
            // let the event loop run the writes queued so far: bytes still pending after that are bytes the kernel
            // refused (its buffers are full), not writes the loop had not reached yet on a busy machine
            group.submit(() -> { }).get(10, TimeUnit.SECONDS);
            return bind.availableWindow() == 0 && bind.pendingOutboundBytes() > 0 && offered[0] < WINDOW;
        });
        assertFalse(bind.offer(new SmppCarrierBindTest.Outbound("acme", "gw-late", big)), "no offer taken while the carrier is not reading");
        long bound = WritabilityGuard.WATER_MARK.high() + 50L * 300; // the mark plus one batch in flight
        assertTrue(maxPending[0] <= bound, "queued toward the carrier: " + maxPending[0] + " > " + bound);
        assertTrue(bind.pendingOutboundBytes() > 0, "the socket buffers did fill");
    }
}
