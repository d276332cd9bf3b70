package io.edgegw.simulator.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Bind;
import org.jsmpp.bean.BindResp;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliverSmResp;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Every PDU the simulator and the load generator exchange, both ways against jSMPP (an implementation written by
 * other people): what we write, jSMPP's decomposer reads back field for field, and what jSMPP's composer writes, we
 * read back field for field. Where both can say the same thing the octets must be identical too.
 */
class JsmppRoundTripTest {
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    private static final DefaultDecomposer DECOMPOSER = new DefaultDecomposer();
    private static final short RECEIPTED_MESSAGE_ID = OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code();
    private static final short MESSAGE_STATE = OptionalParameter.Tag.MESSAGE_STATE.code();
    private static final short MESSAGE_PAYLOAD = OptionalParameter.Tag.MESSAGE_PAYLOAD.code();
    private static final short SC_INTERFACE_VERSION = OptionalParameter.Tag.SC_INTERFACE_VERSION.code();
    /** Every field away from its default, so a field written in the wrong place cannot pass unnoticed. */
    private static final MessageFields FULL = new MessageFields("CMT", (byte) 1, (byte) 1, "447700900001", (byte) 2,
            (byte) 8, "4479001234567890", (byte) 0x40, (byte) 0x7f, (byte) 3, "230101120000000+", "230102120000004R",
            (byte) 1, (byte) 1, (byte) 8, (byte) 5);

    private static byte[] ours(java.util.function.Consumer<ByteBuf> write) {
        ByteBuf out = Unpooled.buffer();
        write.accept(out);
        return ByteBufUtil.getBytes(out);
    }

    private static Pdu read(byte[] octets) {
        return PduDecoder.decode(Unpooled.wrappedBuffer(octets));
    }

    @ParameterizedTest
    @ValueSource(ints = {SMPPConstant.CID_BIND_TRANSMITTER, SMPPConstant.CID_BIND_RECEIVER,
            SMPPConstant.CID_BIND_TRANSCEIVER})
    void bindIsTheSameOctetsAsJsmppsAndReadsBackBothWays(int commandId) throws Exception {
        byte[] mine = ours(out -> PduWriter.bind(out, commandId, 7, "fifteen-chars-x", "8charspw", "VMS", (byte) 0x34,
                (byte) 1, (byte) 2, "^4470.*"));
        byte[] theirs = COMPOSER.bind(commandId, 7, "fifteen-chars-x", "8charspw", "VMS", (byte) 0x34, (byte) 1,
                (byte) 2, "^4470.*");
        assertArrayEquals(theirs, mine);

        Bind decoded = DECOMPOSER.bind(mine);
        assertEquals(commandId, decoded.getCommandId());
        assertEquals("fifteen-chars-x", decoded.getSystemId());
        assertEquals("8charspw", decoded.getPassword());
        assertEquals("^4470.*", decoded.getAddressRange());

        Pdu.Bind back = assertInstanceOf(Pdu.Bind.class, read(theirs));
        assertEquals(new Pdu.Bind(commandId, 7, "fifteen-chars-x", "8charspw", "VMS", (byte) 0x34, (byte) 1, (byte) 2,
                "^4470.*"), back);
    }

    @ParameterizedTest
    @ValueSource(ints = {SMPPConstant.CID_BIND_TRANSMITTER_RESP, SMPPConstant.CID_BIND_RECEIVER_RESP,
            SMPPConstant.CID_BIND_TRANSCEIVER_RESP})
    void bindRespWithScInterfaceVersionReadsBackBothWays(int commandId) throws Exception {
        Tlvs version = Tlvs.of(new Tlvs.Tlv(SC_INTERFACE_VERSION, new byte[] {0x34}));
        byte[] mine = ours(out -> PduWriter.bindResp(out, commandId, 9, "smsc-a", version));
        byte[] theirs = COMPOSER.bindResp(commandId, 9, "smsc-a",
                new OptionalParameter.Sc_interface_version((byte) 0x34));
        assertArrayEquals(theirs, mine);

        BindResp decoded = DECOMPOSER.bindResp(mine);
        assertEquals("smsc-a", decoded.getSystemId());
        assertEquals(0x34, ((OptionalParameter.Byte) decoded.getOptionalParameter(
                OptionalParameter.Tag.SC_INTERFACE_VERSION)).getValue());

        Pdu.BindResp back = assertInstanceOf(Pdu.BindResp.class, read(theirs));
        assertEquals(commandId, back.commandId());
        assertEquals(9, back.sequenceNumber());
        assertEquals("smsc-a", back.systemId());
        assertEquals(0x34, back.tlvs().octet(SC_INTERFACE_VERSION));
    }

    @Test
    void refusedBindRespHasNoBodyAndReadsAsRefused() {
        byte[] mine = ours(out -> PduWriter.header(out, SMPPConstant.CID_BIND_TRANSCEIVER_RESP,
                SMPPConstant.STAT_ESME_RINVPASWD, 3));
        assertArrayEquals(COMPOSER.composeHeader(SMPPConstant.CID_BIND_TRANSCEIVER_RESP,
                SMPPConstant.STAT_ESME_RINVPASWD, 3), mine);
        Pdu.BindResp back = assertInstanceOf(Pdu.BindResp.class, read(mine));
        assertEquals(SMPPConstant.STAT_ESME_RINVPASWD, back.commandStatus());
        assertEquals("", back.systemId());
    }

    @Test
    void submitSmWithEveryFieldAndATlvIsTheSameOctetsAsJsmppsAndReadsBackBothWays() throws Exception {
        byte[] text = "héllo, wörld".getBytes(StandardCharsets.ISO_8859_1);
        byte[] payload = "a payload".getBytes(StandardCharsets.ISO_8859_1);
        Tlvs tlvs = Tlvs.of(new Tlvs.Tlv(MESSAGE_PAYLOAD, payload));
        byte[] mine = ours(out -> PduWriter.submitSm(out, 0x7fffffff, FULL, text, tlvs));
        byte[] theirs = COMPOSER.submitSm(0x7fffffff, "CMT", (byte) 1, (byte) 1, "447700900001", (byte) 2, (byte) 8,
                "4479001234567890", (byte) 0x40, (byte) 0x7f, (byte) 3, "230101120000000+", "230102120000004R",
                (byte) 1, (byte) 1, (byte) 8, (byte) 5, text, new OptionalParameter.OctetString(MESSAGE_PAYLOAD, payload));
        assertArrayEquals(theirs, mine);

        SubmitSm decoded = DECOMPOSER.submitSm(mine);
        assertEquals("4479001234567890", decoded.getDestAddress());
        assertEquals("230102120000004R", decoded.getValidityPeriod());
        assertArrayEquals(text, decoded.getShortMessage());
        assertArrayEquals(payload, ((OptionalParameter.OctetString) decoded.getOptionalParameter(MESSAGE_PAYLOAD))
                .getValue());

        Pdu.SubmitSm back = assertInstanceOf(Pdu.SubmitSm.class, read(theirs));
        assertEquals(0x7fffffff, back.sequenceNumber());
        assertEquals(FULL, back.fields());
        assertArrayEquals(text, back.shortMessage());
        assertArrayEquals(payload, back.tlvs().value(MESSAGE_PAYLOAD));
    }

    @Test
    void submitSmWrittenInPlaceWithAnotherDestinationReadsBackInJsmpp() throws Exception {
        // What the load generator does per message: fixed fields, destination and text written in place.
        MessageFields fixed = MessageFields.of((byte) 0, (byte) 0, "1000", (byte) 1, (byte) 1, "", (byte) 0, (byte) 1,
                (byte) 0);
        StringBuilder destination = new StringBuilder("4470").append("000042");
        byte[] mine = ours(out -> {
            int start = PduWriter.beginMessage(out, SMPPConstant.CID_SUBMIT_SM, 12, fixed, destination);
            int text = out.writerIndex();
            out.writeCharSequence("load message ", StandardCharsets.US_ASCII);
            Digits.decimal(out, 42);
            PduWriter.endShortMessage(out, text);
            PduWriter.end(out, start);
        });
        SubmitSm decoded = DECOMPOSER.submitSm(mine);
        assertEquals(12, decoded.getSequenceNumber());
        assertEquals("1000", decoded.getSourceAddr());
        assertEquals("4470000042", decoded.getDestAddress());
        assertEquals(1, decoded.getRegisteredDelivery());
        assertEquals("load message 42", new String(decoded.getShortMessage(), StandardCharsets.US_ASCII));
        assertEquals(0, decoded.getOptionalParameters().length);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void submitSmRespWithANumericIdIsTheSameOctetsAsJsmppsWithItsSpelling(boolean hex) throws Exception {
        long id = 1_733_000_000_123_456L;
        String spelled = hex ? Long.toHexString(id) : Long.toString(id);
        byte[] mine = ours(out -> PduWriter.submitSmResp(out, 5, id, hex));
        assertArrayEquals(COMPOSER.submitSmResp(5, spelled), mine);
        assertEquals(spelled, DECOMPOSER.submitSmResp(mine).getMessageId());

        byte[] text = ours(out -> PduWriter.submitSmResp(out, 5, spelled));
        assertArrayEquals(mine, text);
        assertEquals(new Pdu.SubmitSmResp(SMPPConstant.STAT_ESME_ROK, 5, spelled),
                read(COMPOSER.submitSmResp(5, spelled)));
    }

    @Test
    void submitSmRespWithAnErrorStatusHasNoBodyAndReadsBack() throws Exception {
        byte[] mine = ours(out -> PduWriter.header(out, SMPPConstant.CID_SUBMIT_SM_RESP,
                SMPPConstant.STAT_ESME_RTHROTTLED, 8));
        SubmitSmResp decoded = DECOMPOSER.submitSmResp(mine);
        assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, decoded.getCommandStatus());
        assertEquals(new Pdu.SubmitSmResp(SMPPConstant.STAT_ESME_RTHROTTLED, 8, ""), read(mine));
    }

    @Test
    void deliverSmReceiptWithTlvsIsTheSameOctetsAsJsmppsAndReadsBackBothWays() throws Exception {
        MessageFields receipt = MessageFields.of((byte) 1, (byte) 1, "4479001234", (byte) 0, (byte) 0, "1000",
                (byte) 0x04, (byte) 0, (byte) 0);
        byte[] text = "id:abc123 sub:001 dlvrd:001 submit date:2301011200 done date:2301011201 stat:DELIVRD err:000 text:hi"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] mine = ours(out -> {
            int start = PduWriter.beginMessage(out, SMPPConstant.CID_DELIVER_SM, 77, receipt, null);
            int sm = out.writerIndex();
            out.writeBytes(text);
            PduWriter.endShortMessage(out, sm);
            int id = PduWriter.beginTlv(out, RECEIPTED_MESSAGE_ID);
            out.writeCharSequence("abc123", StandardCharsets.US_ASCII);
            out.writeByte(0);
            PduWriter.endTlv(out, id);
            PduWriter.octetTlv(out, MESSAGE_STATE, MessageState.DELIVERED.value());
            PduWriter.end(out, start);
        });
        byte[] theirs = COMPOSER.deliverSm(77, "", (byte) 1, (byte) 1, "4479001234", (byte) 0, (byte) 0, "1000",
                (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0, text,
                new OptionalParameter.Receipted_message_id("abc123"),
                new OptionalParameter.Message_state(MessageState.DELIVERED.value()));
        assertArrayEquals(theirs, mine);

        DeliverSm decoded = DECOMPOSER.deliverSm(mine);
        assertEquals("abc123", ((OptionalParameter.COctetString) decoded.getOptionalParameter(
                OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)).getValueAsString());
        assertEquals("abc123", decoded.getShortMessageAsDeliveryReceipt().getId());

        Pdu.DeliverSm back = assertInstanceOf(Pdu.DeliverSm.class, read(theirs));
        assertEquals(receipt, back.fields());
        assertArrayEquals(text, back.shortMessage());
        assertEquals("abc123", back.tlvs().cString(RECEIPTED_MESSAGE_ID));
        assertEquals(MessageState.DELIVERED.value(), back.tlvs().octet(MESSAGE_STATE));

        byte[] whole = ours(out -> PduWriter.deliverSm(out, 77, receipt, text, back.tlvs()));
        assertArrayEquals(theirs, whole);
    }

    @Test
    void deliverSmRespIsTheSameOctetsAsJsmppsAndReadsBackBothWays() {
        byte[] mine = ours(out -> PduWriter.deliverSmResp(out, SMPPConstant.STAT_ESME_RX_T_APPN, 11));
        byte[] theirs = COMPOSER.deliverSmResp(SMPPConstant.STAT_ESME_RX_T_APPN, 11, null);
        assertArrayEquals(theirs, mine);
        DeliverSmResp decoded = DECOMPOSER.deliverSmResp(mine);
        assertEquals(SMPPConstant.STAT_ESME_RX_T_APPN, decoded.getCommandStatus());
        assertEquals(new Pdu.DeliverSmResp(SMPPConstant.STAT_ESME_RX_T_APPN, 11), read(theirs));
        // Some ESMEs leave the unused message_id out altogether: still a deliver_sm_resp.
        assertEquals(new Pdu.DeliverSmResp(0, 11), read(COMPOSER.composeHeader(SMPPConstant.CID_DELIVER_SM_RESP, 0, 11)));
    }

    @Test
    void headerOnlyPdusAreTheSameOctetsAsJsmppsAndReadBackBothWays() {
        assertHeaderOnly(COMPOSER.enquireLink(21), SMPPConstant.CID_ENQUIRE_LINK, 0, 21, new Pdu.EnquireLink(21));
        assertHeaderOnly(COMPOSER.enquireLinkResp(22), SMPPConstant.CID_ENQUIRE_LINK_RESP, 0, 22,
                new Pdu.EnquireLinkResp(0, 22));
        assertHeaderOnly(COMPOSER.unbind(23), SMPPConstant.CID_UNBIND, 0, 23, new Pdu.Unbind(23));
        assertHeaderOnly(COMPOSER.unbindResp(0, 24), SMPPConstant.CID_UNBIND_RESP, 0, 24, new Pdu.UnbindResp(0, 24));
        assertHeaderOnly(COMPOSER.genericNack(SMPPConstant.STAT_ESME_RINVCMDID, 25), SMPPConstant.CID_GENERIC_NACK,
                SMPPConstant.STAT_ESME_RINVCMDID, 25, new Pdu.GenericNack(SMPPConstant.STAT_ESME_RINVCMDID, 25));
    }

    private static void assertHeaderOnly(byte[] theirs, int commandId, int status, int sequence, Pdu expected) {
        byte[] mine = ours(out -> PduWriter.header(out, commandId, status, sequence));
        assertArrayEquals(theirs, mine);
        Command decoded = DECOMPOSER.header(mine);
        assertEquals(commandId, decoded.getCommandId());
        assertEquals(status, decoded.getCommandStatus());
        assertEquals(sequence, decoded.getSequenceNumber());
        assertEquals(16, decoded.getCommandLength());
        assertEquals(expected, read(theirs));
    }
}
