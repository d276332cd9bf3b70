package io.edgegw.smpp.tenant;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppBindException;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.spi.TenantReceiver;
import io.edgegw.core.testing.GatewayConfigs;
import io.edgegw.smpp.FakeCore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantServerTest {
    private static final DefaultComposer COMPOSER = new DefaultComposer();

    private FakeCore core;
    private EventLoopGroup group;
    private TenantServer server;
    private InetSocketAddress address;
    private DefaultSmppClient client;

    @BeforeEach
    void start() throws Exception {
        core = new FakeCore(List.of(GatewayConfigs.tenant("acme").password("secret").window(10).maxBinds(4).build()),
                List.of(), 30);
        group = new NioEventLoopGroup(1);
        server = new TenantServer(core, group, TenantSessionSettings.from(core.config().smpp()));
        server.start();
        address = server.boundAddress();
        client = new DefaultSmppClient();
    }

    @AfterEach
    void stop() {
        client.destroy();
        server.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private SmppSessionConfiguration bindAs(SmppBindType type, String systemId, String password) {
        SmppSessionConfiguration c = new SmppSessionConfiguration();
        c.setType(type);
        c.setHost(address.getHostString());
        c.setPort(address.getPort());
        c.setSystemId(systemId);
        c.setPassword(password);
        c.setBindTimeout(5_000);
        c.setConnectTimeout(5_000);
        return c;
    }

    private static SubmitSm submit(String text) throws Exception {
        SubmitSm sm = new SubmitSm();
        sm.setSourceAddress(new Address((byte) 1, (byte) 1, "15550001"));
        sm.setDestAddress(new Address((byte) 1, (byte) 1, "15550002"));
        sm.setRegisteredDelivery((byte) 1);
        sm.setShortMessage(CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM));
        return sm;
    }

    @Test
    void boundTransmitterSubmitIsAcknowledgedWithTheCoresMessageId() throws Exception {
        SmppSession session = client.bind(bindAs(SmppBindType.TRANSMITTER, "acme", "secret"));
        SubmitSmResp resp = session.submit(submit("hello"), 5_000);

        assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
        assertEquals(SmppConstants.VERSION_3_4, session.getConfiguration().getInterfaceVersion(),
                "bind_resp carries sc_interface_version 3.4");
        FakeCore.Submitted taken = core.submitted.peek();
        assertEquals(taken.gatewayId(), resp.getMessageId());
        assertEquals("acme", taken.tenantId());
        assertEquals("15550002", taken.message().destAddr());
        assertEquals(1, taken.message().registeredDelivery());
        session.unbind(5_000);
    }

    @Test
    void fullRingAnswersMessageQueueFull() throws Exception {
        SmppSession session = client.bind(bindAs(SmppBindType.TRANSCEIVER, "acme", "secret"));
        core.ringFull = true;
        assertEquals(SmppConstants.STATUS_MSGQFUL, session.submit(submit("x"), 5_000).getCommandStatus());
    }

    /** Issue 13: distinct answers (ESME_RINVSYSID, ESME_RINVPASWD) let anyone list the system_ids that exist. */
    @Test
    void unknownSystemIdAndWrongPasswordGetTheSameAnswerBindFailed() throws Exception {
        byte[] unknown = refusedBind("nobody", "secret");
        byte[] wrongPassword = refusedBind("acme", "wrong");
        assertArrayEquals(unknown, wrongPassword, "the same bytes for both");
        assertEquals(SMPPConstant.CID_BIND_TRANSCEIVER_RESP, java.nio.ByteBuffer.wrap(unknown).getInt(4));
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, java.nio.ByteBuffer.wrap(unknown).getInt(8));
        SmppBindException e = assertThrows(SmppBindException.class,
                () -> client.bind(bindAs(SmppBindType.TRANSMITTER, "nobody", "secret")));
        assertEquals(SmppConstants.STATUS_BINDFAIL, e.getBindResponse().getCommandStatus());
    }

    /** The whole bind_resp a bind_transceiver (sequence 5) gets, read from a raw socket. */
    private byte[] refusedBind(String systemId, String password) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(COMPOSER.bind(SMPPConstant.CID_BIND_TRANSCEIVER, 5, systemId, password, "",
                    (byte) 0x34, (byte) 0, (byte) 0, ""));
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            int length = in.readInt();
            byte[] pdu = new byte[length];
            java.nio.ByteBuffer.wrap(pdu).putInt(length);
            in.readFully(pdu, 4, length - 4);
            return pdu;
        }
    }

    @Test
    void submitBeforeBindIsAnsweredInvalidBindStatus() throws Exception {
        try (RawSmppClient raw = new RawSmppClient(address)) {
            raw.send(rawSubmit(7));
            RawSmppClient.Header resp = raw.read();
            assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, resp.commandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVBNDSTS, resp.status());
            assertEquals(7, resp.sequence());
        }
    }

    @Test
    void hugeCommandLengthGetsGenericNackAndCloseWhileAnotherSessionKeepsWorking() throws Exception {
        SmppSession other = client.bind(bindAs(SmppBindType.TRANSCEIVER, "acme", "secret"));
        try (RawSmppClient raw = new RawSmppClient(address)) {
            raw.send(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 9});
            RawSmppClient.Header nack = raw.read();
            assertEquals(SMPPConstant.CID_GENERIC_NACK, nack.commandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVCMDLEN, nack.status());
            assertTrue(raw.closedByPeer());
        }
        assertEquals(SmppConstants.STATUS_OK, other.submit(submit("still here"), 5_000).getCommandStatus());
    }

    @Test
    void garbageBytesGetGenericNackAndClose() throws Exception {
        try (RawSmppClient raw = new RawSmppClient(address)) {
            raw.send("GET / HTTP/1.1\r\nHost: edge\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawSmppClient.Header nack = raw.read();
            assertEquals(SMPPConstant.CID_GENERIC_NACK, nack.commandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVCMDLEN, nack.status());
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void unknownCommandIdGetsGenericNackAndTheSessionStillWorks() throws Exception {
        try (RawSmppClient raw = new RawSmppClient(address)) {
            raw.send(COMPOSER.bind(SMPPConstant.CID_BIND_TRANSCEIVER, 1, "acme", "secret", "", (byte) 0x34,
                    (byte) 0, (byte) 0, ""));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
            raw.send(COMPOSER.composeHeader(0x00000777, 0, 2));
            RawSmppClient.Header nack = raw.read();
            assertEquals(SMPPConstant.CID_GENERIC_NACK, nack.commandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVCMDID, nack.status());
            assertEquals(2, nack.sequence());
            raw.send(rawSubmit(3));
            RawSmppClient.Header resp = raw.read();
            assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, resp.commandId());
            assertEquals(SMPPConstant.STAT_ESME_ROK, resp.status());
            raw.send(COMPOSER.enquireLink(4));
            assertEquals(SMPPConstant.CID_ENQUIRE_LINK_RESP, raw.read().commandId());
        }
    }

    /**
     * Found by SmppDecoderFuzzTest: jSMPP decoded the bodies of submit_multi and friends, which no session serves, and
     * logged a warning for each malformed one (an unknown dest_flag): a bound tenant could fill the disk with them.
     */
    @Test
    void malformedSubmitMultiIsAnsweredInvalidCommandIdWithoutAWarningPerPdu() throws Exception {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> jsmppLog =
                new ch.qos.logback.core.read.ListAppender<>();
        jsmppLog.start();
        ch.qos.logback.classic.Logger jsmpp = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.jsmpp");
        jsmpp.addAppender(jsmppLog);
        try (RawSmppClient raw = new RawSmppClient(address)) {
            raw.send(COMPOSER.bind(SMPPConstant.CID_BIND_TRANSCEIVER, 1, "acme", "secret", "", (byte) 0x34,
                    (byte) 0, (byte) 0, ""));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
            for (int sequence = 2; sequence < 102; sequence++) {
                raw.send(submitMultiWithDestFlag(sequence, (byte) 7));
            }
            for (int sequence = 2; sequence < 102; sequence++) {
                RawSmppClient.Header nack = raw.read();
                assertEquals(SMPPConstant.CID_GENERIC_NACK, nack.commandId());
                assertEquals(SMPPConstant.STAT_ESME_RINVCMDID, nack.status());
                assertEquals(sequence, nack.sequence());
            }
            raw.send(rawSubmit(200));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status(), "the session still works");
        } finally {
            jsmpp.detachAppender(jsmppLog);
        }
        assertEquals(List.of(), jsmppLog.list.stream().map(Object::toString).toList());
    }

    /**
     * Seen while writing the fuzz scenario's log scan, which such a line would fool: a system_id is the peer's bytes,
     * and a newline in it began a log line of the peer's choosing (a fake ERROR, say). Peer text is logged with its
     * control characters as '?'.
     */
    @Test
    void aSystemIdWithANewlineCannotForgeALogLine() throws Exception {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> sessionLog =
                new ch.qos.logback.core.read.ListAppender<>();
        sessionLog.start();
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TenantSession.class);
        logger.addAppender(sessionLog);
        try {
            assertArrayEquals(refusedBind("acme", "wrong"), refusedBind("ab\nERROR forged", "secret"));
        } finally {
            logger.detachAppender(sessionLog);
        }
        List<String> refusals = sessionLog.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("forged")).toList();
        assertEquals(1, refusals.size(), sessionLog.list.toString());
        assertTrue(refusals.get(0).contains("'ab?ERROR forged'"), refusals.get(0));
    }

    /** submit_multi to one destination whose dest_flag is {@code flag} (1 and 2 are the valid ones). */
    private static byte[] submitMultiWithDestFlag(int sequence, byte flag) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 1, 1});                       // service_type "", source ton/npi
        body.writeBytes("1000\0".getBytes(StandardCharsets.US_ASCII)); // source_addr
        body.writeBytes(new byte[] {1, flag, 1, 1});                  // number_of_dests, dest_flag, ton, npi
        body.writeBytes("4479\0".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 'h', 'i'});
        return java.nio.ByteBuffer.allocate(16 + body.size()).putInt(16 + body.size())
                .putInt(SMPPConstant.CID_SUBMIT_MULTI).putInt(0).putInt(sequence).put(body.toByteArray()).array();
    }

    @Test
    void secondBindOnTheSameSessionIsRefusedAlreadyBound() throws Exception {
        try (RawSmppClient raw = new RawSmppClient(address)) {
            byte[] bind = COMPOSER.bind(SMPPConstant.CID_BIND_TRANSMITTER, 1, "acme", "secret", "", (byte) 0x34,
                    (byte) 0, (byte) 0, "");
            raw.send(bind);
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
            raw.send(bind);
            RawSmppClient.Header resp = raw.read();
            assertEquals(SMPPConstant.CID_BIND_TRANSMITTER_RESP, resp.commandId());
            assertEquals(SMPPConstant.STAT_ESME_RALYBND, resp.status());
        }
    }

    @Test
    void deliveryOfferedToABoundReceiverReachesTheTenantAndItsResponseIsReported() throws Exception {
        List<DeliverSm> received = new CopyOnWriteArrayList<>();
        SmppSession session = client.bind(bindAs(SmppBindType.RECEIVER, "acme", "secret"),
                new DefaultSmppSessionHandler() {
                    @Override
                    @SuppressWarnings("rawtypes") // Cloudhopper's interface
                    public PduResponse firePduRequestReceived(PduRequest request) {
                        if (request instanceof DeliverSm d) {
                            received.add(d);
                        }
                        return request.createResponse();
                    }
                });
        await().atMost(Duration.ofSeconds(5)).until(() -> core.receivers.size() == 1);
        TenantReceiver receiver = core.receivers.get(0);
        assertEquals("acme", receiver.tenantId());

        ShortMessage receipt = new ShortMessage((byte) 1, (byte) 1, "15550002", (byte) 1, (byte) 1, "15550001",
                (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                "id:gw-1 sub:001 dlvrd:001 stat:DELIVRD".getBytes(StandardCharsets.ISO_8859_1));
        TenantDelivery delivery = new Delivery("acme", receipt, "gw-1", 2);
        assertTrue(receiver.offer(delivery));
        receiver.flush();

        await().atMost(Duration.ofSeconds(5)).until(() -> core.deliveryResponses.size() == 1);
        assertEquals(SMPPConstant.STAT_ESME_ROK, core.deliveryResponses.get(0).status());
        DeliverSm got = received.get(0);
        assertArrayEquals(receipt.payload(), got.getShortMessage());
        assertEquals("gw-1", got.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID).getValueAsString());
        assertEquals(2, got.getOptionalParameter(SmppConstants.TAG_MSG_STATE).getValueAsByte());

        session.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> core.receivers.isEmpty());
    }

    @Test
    void submitOnAReceiverBindIsAnsweredInvalidBindStatus() throws Exception {
        try (RawSmppClient raw = new RawSmppClient(address)) {
            raw.send(COMPOSER.bind(SMPPConstant.CID_BIND_RECEIVER, 1, "acme", "secret", "", (byte) 0x34,
                    (byte) 0, (byte) 0, ""));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
            raw.send(rawSubmit(5));
            assertEquals(SMPPConstant.STAT_ESME_RINVBNDSTS, raw.read().status());
        }
    }

    @Test
    void deliveryInFlightWhenTheTenantLeavesIsReportedUnanswered() throws Exception {
        try (RawSmppClient raw = new RawSmppClient(address)) {
            raw.send(COMPOSER.bind(SMPPConstant.CID_BIND_RECEIVER, 1, "acme", "secret", "", (byte) 0x34,
                    (byte) 0, (byte) 0, ""));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
            await().atMost(Duration.ofSeconds(5)).until(() -> core.receivers.size() == 1);
            TenantReceiver receiver = core.receivers.get(0);
            TenantDelivery mo = new Delivery("acme", new ShortMessage((byte) 1, (byte) 1, "15550002", (byte) 1,
                    (byte) 1, "15550001", (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                    new byte[300]), null, -1); // longer than short_message: travels in message_payload
            assertTrue(receiver.offer(mo));
            receiver.flush();
            assertEquals(SMPPConstant.CID_DELIVER_SM, raw.read().commandId());
            assertEquals(9, receiver.availableWindow());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> core.deliveriesUnanswered.size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> core.receivers.isEmpty());
    }

    @Test
    void closingTheServerUnbindsBoundTenants() throws Exception {
        try (RawSmppClient raw = new RawSmppClient(address)) {
            raw.send(COMPOSER.bind(SMPPConstant.CID_BIND_TRANSMITTER, 1, "acme", "secret", "", (byte) 0x34,
                    (byte) 0, (byte) 0, ""));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
            var closing = java.util.concurrent.CompletableFuture.runAsync(server::close);
            RawSmppClient.Header unbind = raw.read();
            assertEquals(SMPPConstant.CID_UNBIND, unbind.commandId());
            raw.send(COMPOSER.unbindResp(SMPPConstant.STAT_ESME_ROK, unbind.sequence()));
            assertTrue(raw.closedByPeer());
            closing.get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static byte[] rawSubmit(int sequence) throws Exception {
        return COMPOSER.submitSm(sequence, "", (byte) 1, (byte) 1, "15550001", (byte) 1, (byte) 1, "15550002",
                (byte) 0, (byte) 0, (byte) 0, "", "", (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                "hi".getBytes(StandardCharsets.US_ASCII));
    }

    record Delivery(String tenantId, ShortMessage message, String receiptedMessageId, int messageState)
            implements TenantDelivery {
    }
}
