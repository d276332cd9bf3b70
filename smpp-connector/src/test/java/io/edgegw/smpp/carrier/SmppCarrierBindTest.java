package io.edgegw.smpp.carrier;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.util.TlvUtil;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.testing.GatewayConfigs;
import io.edgegw.smpp.FakeCore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmppCarrierBindTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private FakeCore core;
    private TestSmsc smsc;
    private SmppCarrierBind bind;
    private int port;

    @AfterEach
    void stop() {
        if (bind != null) {
            bind.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (smsc != null) {
            smsc.stop();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void startBind(int responseTimeoutMillis) throws Exception {
        port = freePort();
        smsc = new TestSmsc(port);
        CarrierConfig carrier = GatewayConfigs.carrier("carrierA").endpoint("127.0.0.1", port).window(10)
                .responseTimeoutMillis(responseTimeoutMillis).reconnectDelayMillis(100).build();
        core = new FakeCore(List.of(), List.of(carrier), 30);
        bind = new SmppCarrierBind(core, carrier, carrier.endpoints().get(0), 1, group.next());
        bind.start();
    }

    @Test
    void bindsAndOfferedSubmitsAreAnsweredWithTheSmscMessageIds() throws Exception {
        startBind(5_000);
        await().atMost(WAIT).until(bind::isReady);
        assertEquals(List.of(bind), core.carrierBinds);
        assertEquals(10, bind.availableWindow());

        for (int i = 0; i < 3; i++) {
            assertTrue(bind.offer(new Outbound("acme", "gw-" + i, message("msg " + i))));
        }
        bind.flush();

        await().atMost(WAIT).until(() -> core.submitResponses.size() == 3);
        for (FakeCore.Responded r : core.submitResponses) {
            assertEquals(SMPPConstant.STAT_ESME_ROK, r.status());
            assertTrue(r.carrierMessageId().startsWith("smsc-"), r.carrierMessageId());
        }
        assertEquals(1, smsc.submits.get(0).getRegisteredDelivery(), "registered_delivery passed through");
        assertEquals("15550002", smsc.submits.get(0).getDestAddress().getAddress());
        assertEquals(10, bind.availableWindow());
    }

    @Test
    void deliveryReceiptFromTheSmscReachesTheCoreWithItsTlvs() throws Exception {
        startBind(5_000);
        await().atMost(WAIT).until(bind::isReady);
        await().atMost(WAIT).until(() -> !smsc.sessions.isEmpty());

        DeliverSm receipt = new DeliverSm();
        receipt.setSourceAddress(new Address((byte) 1, (byte) 1, "15550002"));
        receipt.setDestAddress(new Address((byte) 1, (byte) 1, "15550001"));
        receipt.setEsmClass((byte) 0x04);
        receipt.setShortMessage("id:smsc-1 stat:DELIVRD".getBytes(StandardCharsets.ISO_8859_1));
        receipt.addOptionalParameter(TlvUtil.createNullTerminatedStringTlv(SmppConstants.TAG_RECEIPTED_MSG_ID,
                "smsc-1"));
        receipt.addOptionalParameter(new Tlv(SmppConstants.TAG_MSG_STATE, new byte[] {2}));
        receipt.addOptionalParameter(new Tlv(SmppConstants.TAG_NETWORK_ERROR_CODE, new byte[] {3, 0, 1}));
        var future = smsc.sessions.get(0).sendRequestPdu(receipt, 5_000, true);
        assertTrue(future.await(5_000), "deliver_sm answered");
        var resp = future.getResponse();

        assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
        assertEquals(1, core.carrierDeliveries.size());
        CarrierDelivery d = core.carrierDeliveries.get(0);
        assertEquals("smsc-1", d.receiptedMessageId());
        assertEquals(2, d.messageState());
        assertArrayEquals(new byte[] {3, 0, 1}, d.networkErrorCode());
        assertEquals(0x04, d.message().esmClass());
        assertEquals("15550002", d.message().sourceAddr());
    }

    @Test
    void deliveryTheCoreCannotTakeIsAnsweredForLaterRetry() throws Exception {
        startBind(5_000);
        await().atMost(WAIT).until(bind::isReady);
        await().atMost(WAIT).until(() -> !smsc.sessions.isEmpty());
        core.refuseDeliveries = true;

        DeliverSm mo = new DeliverSm();
        mo.setSourceAddress(new Address((byte) 1, (byte) 1, "15550002"));
        mo.setDestAddress(new Address((byte) 1, (byte) 1, "15550001"));
        mo.setShortMessage("hello".getBytes(StandardCharsets.ISO_8859_1));
        var future = smsc.sessions.get(0).sendRequestPdu(mo, 5_000, true);
        assertTrue(future.await(5_000), "deliver_sm answered");
        assertEquals(SMPPConstant.STAT_ESME_RX_T_APPN, future.getResponse().getCommandStatus());
    }

    @Test
    void dataSmFromTheSmscIsTakenAsADeliveryAndAnsweredWithDataSmResp() throws Exception {
        startBind(5_000);
        await().atMost(WAIT).until(bind::isReady);
        await().atMost(WAIT).until(() -> !smsc.sessions.isEmpty());

        com.cloudhopper.smpp.pdu.DataSm mo = new com.cloudhopper.smpp.pdu.DataSm();
        mo.setSourceAddress(new Address((byte) 1, (byte) 1, "15550002"));
        mo.setDestAddress(new Address((byte) 1, (byte) 1, "15550001"));
        mo.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, "over data_sm".getBytes(
                StandardCharsets.ISO_8859_1)));
        var future = smsc.sessions.get(0).sendRequestPdu(mo, 5_000, true);
        assertTrue(future.await(5_000), "data_sm answered");
        assertEquals(SmppConstants.CMD_ID_DATA_SM_RESP, future.getResponse().getCommandId());
        assertEquals(SmppConstants.STATUS_OK, future.getResponse().getCommandStatus());
        assertEquals("over data_sm", new String(core.carrierDeliveries.get(0).message().payload(),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void unansweredSubmitTimesOutAndIsReportedUnanswered() throws Exception {
        startBind(300);
        await().atMost(WAIT).until(bind::isReady);
        smsc.answerSubmits = false;
        Outbound submit = new Outbound("acme", "gw-9", message("slow"));
        assertTrue(bind.offer(submit));
        bind.flush();
        await().atMost(WAIT).until(() -> core.submitsUnanswered.contains(submit));
        assertEquals(10, bind.availableWindow());
    }

    @Test
    void lostSmscReportsInFlightUnansweredGoesDownAndBindsAgainWhenBack() throws Exception {
        startBind(5_000);
        await().atMost(WAIT).until(bind::isReady);
        smsc.answerSubmits = false;
        assertTrue(bind.offer(new Outbound("acme", "gw-1", message("a"))));
        assertTrue(bind.offer(new Outbound("acme", "gw-2", message("b"))));
        bind.flush();
        await().atMost(WAIT).until(() -> smsc.submits.size() == 2);

        smsc.stop();
        await().atMost(WAIT).until(() -> core.submitsUnanswered.size() == 2);
        await().atMost(WAIT).until(() -> core.stateChanges.stream().anyMatch(c -> c.to() == BindState.DOWN));
        assertFalse(bind.offer(new Outbound("acme", "gw-3", message("c"))), "no offers while down");

        smsc = new TestSmsc(port);
        await().atMost(WAIT).until(bind::isReady);
        assertTrue(bind.offer(new Outbound("acme", "gw-4", message("d"))));
        bind.flush();
        await().atMost(WAIT).until(() -> core.submitResponses.size() == 1);
    }

    @Test
    void smscThatStopsAnsweringIsFoundDeadByEnquireLinkAndTheBindGoesDown() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread smscThread = new Thread(() -> acceptBindThenGoSilent(silent), "silent-smsc");
            smscThread.setDaemon(true);
            smscThread.start();
            CarrierConfig carrier = GatewayConfigs.carrier("silent").endpoint("127.0.0.1", silent.getLocalPort())
                    .window(10).enquireLinkSeconds(1).responseTimeoutMillis(300).reconnectDelayMillis(60_000).build();
            core = new FakeCore(List.of(), List.of(carrier), 30);
            bind = new SmppCarrierBind(core, carrier, carrier.endpoints().get(0), 1, group.next());
            bind.start();

            await().atMost(WAIT).until(bind::isReady);
            await().atMost(WAIT).until(() -> core.stateChanges.stream()
                    .anyMatch(c -> c.from() == BindState.BOUND && c.to() == BindState.DOWN
                            && c.reason().contains("enquire_link")));
        }
    }

    /** Answers bind_transceiver, then reads and ignores everything (enquire_link included). */
    private static void acceptBindThenGoSilent(ServerSocket server) {
        try (java.net.Socket s = server.accept()) {
            var in = new java.io.DataInputStream(s.getInputStream());
            int length = in.readInt();
            in.readInt();
            in.readInt();
            int sequence = in.readInt();
            in.skipNBytes(length - 16);
            s.getOutputStream().write(new org.jsmpp.util.DefaultComposer()
                    .bindResp(SMPPConstant.CID_BIND_TRANSCEIVER_RESP, sequence, "silent"));
            while (in.read() != -1) {
                // silence
            }
        } catch (Exception e) {
            // the test ends by closing the socket
        }
    }

    @Test
    void refusedBindBacksOffAndBindsOnceTheSmscAccepts() throws Exception {
        port = freePort();
        smsc = new TestSmsc(port);
        smsc.refuseBindWith = SmppConstants.STATUS_INVPASWD;
        CarrierConfig carrier = GatewayConfigs.carrier("carrierA").endpoint("127.0.0.1", port).window(10)
                .responseTimeoutMillis(5_000).reconnectDelayMillis(50).build();
        core = new FakeCore(List.of(), List.of(carrier), 30);
        bind = new SmppCarrierBind(core, carrier, carrier.endpoints().get(0), 1, group.next());
        bind.start();

        await().atMost(WAIT).until(() -> smsc.bindAttempts.get() >= 2);
        assertFalse(bind.isReady());
        assertTrue(core.stateChanges.stream().anyMatch(c -> c.reason().contains("bind refused")));
        smsc.refuseBindWith = SmppConstants.STATUS_OK;
        await().atMost(WAIT).until(bind::isReady);
    }

    static ShortMessage message(String text) {
        return new ShortMessage((byte) 1, (byte) 1, "15550001", (byte) 1, (byte) 1, "15550002", (byte) 0,
                (byte) 0, (byte) 0, (byte) 1, (byte) 0, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Outbound(String tenantId, String gatewayMessageId, ShortMessage message) implements OutboundSubmit {
    }
}
