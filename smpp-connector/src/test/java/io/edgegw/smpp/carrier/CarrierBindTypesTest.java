package io.edgegw.smpp.carrier;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.util.TlvUtil;
import io.edgegw.core.config.CarrierBindType;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.testing.GatewayConfigs;
import io.edgegw.smpp.FakeCore;
import io.edgegw.smpp.SmppConnector;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.edgegw.smpp.carrier.SmppCarrierBindTest.freePort;
import static io.edgegw.smpp.carrier.SmppCarrierBindTest.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CarrierBindTypesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private TestSmsc smsc;
    private SmppCarrierBind bind;
    private SmppConnector connector;

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        if (bind != null) {
            bind.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (smsc != null) {
            smsc.stop();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private CarrierConfig carrier(CarrierBindType type, int bindsPerEndpoint) throws Exception {
        int port = freePort();
        smsc = new TestSmsc(port);
        return GatewayConfigs.carrier("carrierA").endpoint("127.0.0.1", port).bindsPerEndpoint(bindsPerEndpoint)
                .window(10).responseTimeoutMillis(5_000).reconnectDelayMillis(100).bindType(type).build();
    }

    @Test
    void splitCarrierSubmitsOnTransmitterBindsAndTakesTheReceiptOnItsReceiverBind() throws Exception {
        CarrierConfig carrier = carrier(CarrierBindType.SPLIT, 2);
        FakeCore core = new FakeCore(List.of(), List.of(carrier), 30);
        connector = new SmppConnector(core, 1);
        connector.start();
        assertEquals(List.of("carrierA/127.0.0.1:" + carrier.endpoints().get(0).port() + "#1",
                        "carrierA/127.0.0.1:" + carrier.endpoints().get(0).port() + "#2",
                        "carrierA/127.0.0.1:" + carrier.endpoints().get(0).port() + "#rx1"),
                core.carrierBinds.stream().map(CarrierBind::name).toList());
        await().atMost(WAIT).until(() -> core.carrierBinds.stream().allMatch(b -> b.state() == BindState.BOUND));
        assertEquals(2, smsc.bindCommandIds.stream().filter(id -> id == SMPPConstant.CID_BIND_TRANSMITTER).count());
        assertEquals(1, smsc.bindCommandIds.stream().filter(id -> id == SMPPConstant.CID_BIND_RECEIVER).count());
        CarrierBind receiver = core.carrierBinds.get(2);
        assertFalse(receiver.isReady(), "the receiver bind takes no submits");

        CarrierBind transmitter = core.carrierBinds.get(0);
        assertTrue(transmitter.offer(new SmppCarrierBindTest.Outbound("acme", "gw-1", message("split"))));
        transmitter.flush();
        await().atMost(WAIT).until(() -> core.submitResponses.size() == 1);
        String carrierId = core.submitResponses.get(0).carrierMessageId();

        DeliverSm receipt = new DeliverSm();
        receipt.setSourceAddress(new Address((byte) 1, (byte) 1, "15550002"));
        receipt.setDestAddress(new Address((byte) 1, (byte) 1, "15550001"));
        receipt.setEsmClass((byte) 0x04);
        receipt.setShortMessage(("id:" + carrierId + " stat:DELIVRD").getBytes(StandardCharsets.ISO_8859_1));
        receipt.addOptionalParameter(TlvUtil.createNullTerminatedStringTlv(SmppConstants.TAG_RECEIPTED_MSG_ID,
                carrierId));
        var answered = smsc.session(SmppBindType.RECEIVER).sendRequestPdu(receipt, 5_000, true);
        assertTrue(answered.await(5_000), "deliver_sm answered");
        assertEquals(SmppConstants.STATUS_OK, answered.getResponse().getCommandStatus());
        assertEquals(carrierId, core.carrierDeliveries.get(0).receiptedMessageId());
        assertEquals(receiver.name(), core.carrierDeliveryBinds.get(0));
    }

    @Test
    void transmitterCarrierBindsWithBindTransmitterAndSubmits() throws Exception {
        CarrierConfig carrier = carrier(CarrierBindType.TRANSMITTER, 1);
        FakeCore core = new FakeCore(List.of(), List.of(carrier), 30);
        bind = new SmppCarrierBind(core, carrier, carrier.endpoints().get(0), 1, group.next());
        bind.start();

        await().atMost(WAIT).until(bind::isReady);
        assertEquals(List.of(SMPPConstant.CID_BIND_TRANSMITTER), smsc.bindCommandIds);
        assertEquals(BindRole.TRANSMITTER, bind.role());
        assertTrue(bind.offer(new SmppCarrierBindTest.Outbound("acme", "gw-1", message("tx only"))));
        bind.flush();
        await().atMost(WAIT).until(() -> core.submitResponses.size() == 1);
        assertEquals(SMPPConstant.STAT_ESME_ROK, core.submitResponses.get(0).status());
    }

    @Test
    void receiverBindNeverTakesASubmitButHandsOnWhatItReceives() throws Exception {
        CarrierConfig carrier = carrier(CarrierBindType.SPLIT, 1);
        FakeCore core = new FakeCore(List.of(), List.of(carrier), 30);
        bind = new SmppCarrierBind(core, carrier, carrier.endpoints().get(0), 1, BindRole.RECEIVER, group.next());
        bind.start();

        await().atMost(WAIT).until(() -> bind.state() == BindState.BOUND);
        assertTrue(bind.name().endsWith("#rx1"), bind.name());
        assertEquals(List.of(SMPPConstant.CID_BIND_RECEIVER), smsc.bindCommandIds);
        assertEquals(List.of(bind), core.carrierBinds, "registered, so its deliveries are handled");
        assertFalse(bind.isReady());
        assertEquals(0, bind.availableWindow());
        assertFalse(bind.offer(new SmppCarrierBindTest.Outbound("acme", "gw-1", message("never"))));
        bind.flush();

        DeliverSm mo = new DeliverSm();
        mo.setSourceAddress(new Address((byte) 1, (byte) 1, "15550002"));
        mo.setDestAddress(new Address((byte) 1, (byte) 1, "15550001"));
        mo.setShortMessage("hello".getBytes(StandardCharsets.ISO_8859_1));
        var answered = smsc.sessions.get(0).sendRequestPdu(mo, 5_000, true);
        assertTrue(answered.await(5_000), "deliver_sm answered");
        assertEquals(SmppConstants.STATUS_OK, answered.getResponse().getCommandStatus());
        assertEquals(1, core.carrierDeliveries.size());
        assertTrue(smsc.submits.isEmpty(), "no submit_sm ever reached the SMSC");
        assertTrue(core.submitResponses.isEmpty() && core.submitsUnanswered.isEmpty());
    }
}
