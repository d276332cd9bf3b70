package io.edgegw.smpp.tenant;

import io.edgegw.core.testing.GatewayConfigs;
import io.edgegw.smpp.FakeCore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session limits and timers, with settings small enough to see them act. */
class TenantSessionLimitsTest {
    private static final DefaultComposer COMPOSER = new DefaultComposer();

    private FakeCore core;
    private EventLoopGroup group;
    private TenantServer server;

    @BeforeEach
    void start() throws Exception {
        core = new FakeCore(List.of(GatewayConfigs.tenant("acme").password("secret").window(10).maxBinds(4).build()),
                List.of(), 1);
        group = new NioEventLoopGroup(1);
        server = new TenantServer(core, group, new TenantSessionSettings(1, 1, 4096, 2, 30_000));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void submitsBeyondTheUnacknowledgedLimitAreThrottled() throws Exception {
        core.acknowledge = false;
        try (RawSmppClient raw = bound()) {
            raw.send(submit(2));
            raw.send(submit(3));
            raw.send(submit(4));
            RawSmppClient.Header resp = raw.read();
            assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, resp.status());
            assertEquals(4, resp.sequence());
        }
    }

    @Test
    void theCoresRefusalIsAnsweredWithItsStatusAndHoldsNoSlot() throws Exception {
        try (RawSmppClient raw = bound()) {
            core.refuseWith = SMPPConstant.STAT_ESME_RTHROTTLED; // the tenant's rate, as the core's gate answers
            for (int seq = 2; seq < 6; seq++) { // more than the session's limit of 2 unacknowledged
                raw.send(submit(seq));
                RawSmppClient.Header resp = raw.read();
                assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, resp.commandId());
                assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, resp.status());
                assertEquals(seq, resp.sequence());
            }
            core.refuseWith = SMPPConstant.STAT_ESME_RMSGQFUL; // its queue quota
            raw.send(submit(6));
            assertEquals(SMPPConstant.STAT_ESME_RMSGQFUL, raw.read().status());
            core.refuseWith = 0;
            raw.send(submit(7));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status()); // no slot was left taken
            assertEquals(1, core.submitted.size());
        }
    }

    @Test
    void unexpectedErrorIsAnsweredSystemErrorAndTheSessionSurvives() throws Exception {
        try (RawSmppClient raw = bound()) {
            core.explode = true;
            raw.send(submit(2));
            RawSmppClient.Header nack = raw.read();
            assertEquals(SMPPConstant.CID_GENERIC_NACK, nack.commandId());
            assertEquals(SMPPConstant.STAT_ESME_RSYSERR, nack.status());
            assertEquals(2, nack.sequence());
            core.explode = false;
            raw.send(submit(3));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
        }
    }

    @Test
    void messagePayloadTogetherWithShortMessageIsRefused() throws Exception {
        try (RawSmppClient raw = bound()) {
            raw.send(COMPOSER.submitSm(2, "", (byte) 1, (byte) 1, "1555", (byte) 1, (byte) 1, "1556",
                    (byte) 0, (byte) 0, (byte) 0, "", "", (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                    "hi".getBytes(StandardCharsets.US_ASCII),
                    new org.jsmpp.bean.OptionalParameter.Message_payload(new byte[300])));
            assertEquals(SMPPConstant.STAT_ESME_RINVMSGLEN, raw.read().status());
            raw.send(COMPOSER.submitSm(3, "", (byte) 1, (byte) 1, "1555", (byte) 1, (byte) 1, "1556",
                    (byte) 0, (byte) 0, (byte) 0, "", "", (byte) 0, (byte) 0, (byte) 0, (byte) 0, new byte[0],
                    new org.jsmpp.bean.OptionalParameter.Message_payload(new byte[300])));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
            assertEquals(300, core.submitted.peek().message().payload().length);
        }
    }

    @Test
    void idleTenantIsProbedWithEnquireLinkAndClosedWhenItNeverAnswers() throws Exception {
        try (RawSmppClient raw = bound()) {
            RawSmppClient.Header probe = raw.read();
            assertEquals(SMPPConstant.CID_ENQUIRE_LINK, probe.commandId());
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void connectionThatNeverBindsIsClosed() throws Exception {
        try (RawSmppClient raw = new RawSmppClient(server.boundAddress())) {
            assertTrue(raw.closedByPeer());
        }
    }

    private RawSmppClient bound() throws Exception {
        RawSmppClient raw = new RawSmppClient(server.boundAddress());
        raw.send(COMPOSER.bind(SMPPConstant.CID_BIND_TRANSCEIVER, 1, "acme", "secret", "", (byte) 0x34,
                (byte) 0, (byte) 0, ""));
        assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
        return raw;
    }

    private static byte[] submit(int sequence) throws Exception {
        return COMPOSER.submitSm(sequence, "", (byte) 1, (byte) 1, "1555", (byte) 1, (byte) 1, "1556",
                (byte) 0, (byte) 0, (byte) 0, "", "", (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                "hi".getBytes(StandardCharsets.US_ASCII));
    }
}
