package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.type.SmppBindException;
import io.edgegw.core.Gateway;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets its protocol answer, and other sessions are served unharmed. */
class BadInputTest {
    @TempDir
    Path storage;

    private SimulatedSmsc smsc;
    private Gateway gateway;
    private CloudhopperTenant bystander;
    private int port;

    @BeforeEach
    void start() throws Exception {
        smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"));
        gateway = GatewayFixture.start(storage, smsc.port());
        port = GatewayFixture.smppPort(gateway);
        bystander = new CloudhopperTenant(port, "other", "other-pw", SmppBindType.TRANSCEIVER);
    }

    @AfterEach
    void stop() {
        bystander.close();
        gateway.close();
        smsc.close();
    }

    /**
     * Issue 13: an unknown system_id used to get ESME_RINVSYSID and a wrong password ESME_RINVPASWD, so anyone could list
     * the system_ids that exist. Now they, and a known tenant's bind from outside its allowedSources, get the same bytes.
     */
    @Test
    void unknownSystemIdWrongPasswordAndWrongNetworkGetTheSameAnswer() throws Exception {
        byte[] unknown = bindAnswer("stranger", "x");
        byte[] wrongPassword = bindAnswer("acme", "nope");
        byte[] wrongNetwork = bindAnswer("fenced", "fence-pw");

        assertArrayEquals(unknown, wrongPassword);
        assertArrayEquals(unknown, wrongNetwork);
        ByteBuffer answer = ByteBuffer.wrap(unknown);
        assertEquals(SMPPConstant.CID_BIND_TRANSCEIVER_RESP, answer.getInt(4));
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, answer.getInt(8));
        SmppBindException e = assertThrows(SmppBindException.class,
                () -> new CloudhopperTenant(port, "acme", "nope", SmppBindType.TRANSCEIVER));
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, e.getBindResponse().getCommandStatus());
        assertBystanderStillServed();
    }

    /** The whole bind_transceiver_resp (sequence 7) a fresh connection gets for these credentials. */
    private byte[] bindAnswer(String systemId, String password) throws Exception {
        try (RawSmppSocket raw = new RawSmppSocket(port)) {
            raw.send(SmppPeer.bindTransceiver(7, systemId, password));
            return raw.readPdu();
        }
    }

    @Test
    void submitBeforeBindIsAnsweredWithInvalidBindStatus() throws Exception {
        try (RawSmppSocket raw = new RawSmppSocket(port)) {
            raw.send(new DefaultComposer().submitSm(7, "", TypeOfNumber.UNKNOWN.value(), NumberingPlanIndicator.UNKNOWN.value(),
                    "1000", TypeOfNumber.INTERNATIONAL.value(), NumberingPlanIndicator.ISDN.value(), "447900",
                    (byte) 0, (byte) 0, (byte) 0, null, null, (byte) 1, (byte) 0, (byte) 0, (byte) 0, "hi".getBytes()));
            RawSmppSocket.Header answer = raw.read();
            assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, answer.commandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVBNDSTS, answer.status());
            assertEquals(7, answer.sequence());
        }
        assertBystanderStillServed();
    }

    @Test
    void twoGigabyteCommandLengthGetsGenericNackAndTheSessionCloses() throws Exception {
        try (RawSmppSocket raw = new RawSmppSocket(port)) {
            raw.send(ByteBuffer.allocate(16).putInt(0x7FFF_FFFF).putInt(SMPPConstant.CID_SUBMIT_SM).putInt(0).putInt(9).array());
            RawSmppSocket.Header answer = raw.read();
            assertEquals(SMPPConstant.CID_GENERIC_NACK, answer.commandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVCMDLEN, answer.status());
            assertTrue(raw.closedByPeer());
        }
        assertBystanderStillServed();
    }

    @Test
    void garbageBytesGetGenericNackAndTheSessionCloses() throws Exception {
        try (RawSmppSocket raw = new RawSmppSocket(port)) {
            raw.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            RawSmppSocket.Header answer = raw.read();
            assertEquals(SMPPConstant.CID_GENERIC_NACK, answer.commandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVCMDLEN, answer.status());
            assertTrue(raw.closedByPeer());
        }
        assertBystanderStillServed();
    }

    private void assertBystanderStillServed() {
        try {
            assertEquals(SMPPConstant.STAT_ESME_ROK, bystander.submit("447900123", "still here").getCommandStatus());
        } catch (Exception e) {
            throw new AssertionError("the other tenant's session was harmed", e);
        }
    }
}
