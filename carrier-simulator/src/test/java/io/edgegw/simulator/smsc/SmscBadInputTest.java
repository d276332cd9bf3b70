package io.edgegw.simulator.smsc;

import io.edgegw.simulator.TestEsme;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.EnquireLinkResp;
import org.jsmpp.bean.GenericNack;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the simulated SMSC answers to broken and unexpected PDUs, as a real SMSC would, seen over loopback. */
class SmscBadInputTest {
    private static final DefaultComposer COMPOSER = new DefaultComposer();

    private static SimulatedSmsc start() throws InterruptedException {
        return SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0));
    }

    private static byte[] header(int length, int commandId, int sequence) {
        return ByteBuffer.allocate(16).putInt(length).putInt(commandId).putInt(0).putInt(sequence).array();
    }

    @Test
    void impossibleCommandLengthIsAnsweredGenericNackInvalidLengthThenTheConnectionCloses() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
            esme.sendRaw(header(8, SMPPConstant.CID_SUBMIT_SM, 31));
            GenericNack nack = assertInstanceOf(GenericNack.class, esme.next());
            assertEquals(SMPPConstant.STAT_ESME_RINVCMDLEN, nack.getCommandStatus());
            assertEquals(31, nack.getSequenceNumber());
            assertTrue(esme.awaitClosed());
        }
    }

    @Test
    void requestTheSmscDoesNotServeIsAnsweredGenericNackInvalidCommandIdAndTheSessionGoesOn() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
            esme.sendRaw(ByteBuffer.allocate(20).put(header(20, SMPPConstant.CID_QUERY_SM, 32)).array());
            GenericNack nack = assertInstanceOf(GenericNack.class, esme.next());
            assertEquals(SMPPConstant.STAT_ESME_RINVCMDID, nack.getCommandStatus());
            assertEquals(32, nack.getSequenceNumber());
            int link = esme.sendEnquireLink();
            assertEquals(link, assertInstanceOf(EnquireLinkResp.class, esme.next()).getSequenceNumber());
        }
    }

    @Test
    void submitWithAnOverlongDestinationIsAnsweredSubmitSmRespInvalidDestinationAndTheSessionGoesOn()
            throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
            esme.sendRaw(submitWithDestination(33, "4470123456789012345678")); // 22 characters: over the 20 allowed
            Command resp = esme.next();
            assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, resp.getCommandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVDSTADR, resp.getCommandStatus());
            assertEquals(33, resp.getSequenceNumber());
            assertEquals(SMPPConstant.STAT_ESME_ROK,
                    assertInstanceOf(SubmitSmResp.class, esme.submit("still served", (byte) 0)).getCommandStatus());
        }
    }

    @Test
    void submitWhoseBodyIsShorterThanItsFieldsIsAnsweredGenericNackInvalidLength() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
            byte[] submit = submitWithDestination(34, "4470");
            byte[] cut = java.util.Arrays.copyOf(submit, submit.length - 3); // short_message runs past the end
            ByteBuffer.wrap(cut).putInt(0, cut.length);
            esme.sendRaw(cut);
            GenericNack nack = assertInstanceOf(GenericNack.class, esme.next());
            assertEquals(SMPPConstant.STAT_ESME_RINVCMDLEN, nack.getCommandStatus());
            assertEquals(34, nack.getSequenceNumber());
        }
    }

    /** A submit_sm with {@code destination} written raw (jSMPP would refuse to compose an invalid one). */
    private static byte[] submitWithDestination(int sequence, String destination) throws Exception {
        byte[] valid = COMPOSER.submitSm(sequence, "", (byte) 1, (byte) 1, "1000", (byte) 1, (byte) 1, "X", (byte) 0,
                (byte) 0, (byte) 0, null, null, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                "text".getBytes(StandardCharsets.US_ASCII));
        int at = 16 + 1 + 2 + 5 + 2; // header, service_type, source ton/npi, "1000\0", dest ton/npi
        byte[] dest = (destination + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(valid.length - 2 + dest.length);
        out.put(valid, 0, at).put(dest).put(valid, at + 2, valid.length - at - 2);
        return out.putInt(0, out.capacity()).array();
    }
}
