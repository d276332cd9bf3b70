package io.edgegw.smpp.pdu;

import io.edgegw.core.message.ShortMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The message path's PDUs written into a buffer are, octet for octet, what jSMPP's composer makes ({@link Pdus}). */
class PduWriterTest {
    private interface Composed {
        byte[] compose() throws PDUStringException;
    }

    private interface Written {
        void write(ByteBuf out) throws PDUStringException;
    }

    @Test
    void theAnswersAreJsmppsOwn() throws Exception {
        same(() -> Pdus.submitSmResp(7, "0123456789abcdef"), out -> PduWriter.submitSmResp(out, 7, "0123456789abcdef"));
        same(() -> Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, SMPPConstant.STAT_ESME_RTHROTTLED, 9),
                out -> PduWriter.errorResponse(out, SMPPConstant.CID_SUBMIT_SM, SMPPConstant.STAT_ESME_RTHROTTLED, 9));
        same(() -> Pdus.deliverSmResp(SMPPConstant.STAT_ESME_RX_T_APPN, 0x7FFFFFFF),
                out -> PduWriter.deliverSmResp(out, SMPPConstant.STAT_ESME_RX_T_APPN, 0x7FFFFFFF));
        same(() -> Pdus.submitSmResp(1, "x".repeat(65)), out -> PduWriter.submitSmResp(out, 1, "x".repeat(65)));
    }

    @Test
    void submitAndDeliverAreJsmppsOwnForAnyMessage() throws Exception {
        Random random = new Random(16);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            ShortMessage m = randomMessage(random);
            int sequence = random.nextInt(Integer.MAX_VALUE) + 1;
            String receipted = random.nextInt(3) == 0 ? null : text(random, random.nextInt(70));
            int state = random.nextInt(10) - 1;
            refused += same(() -> Pdus.submitSm(sequence, m), out -> PduWriter.submitSm(out, sequence, m)) ? 0 : 1;
            same(() -> Pdus.deliverSm(sequence, m, receipted, state),
                    out -> PduWriter.deliverSm(out, sequence, m, receipted, state));
        }
        assertTrue(refused > 1_000 && refused < 15_000, "both kinds were tried: " + refused + " refused");
    }

    @Test
    void whatIsWrittenDecodesBackToTheMessage() throws Exception {
        byte[] payload = new byte[300];
        new Random(1).nextBytes(payload);
        ShortMessage m = new ShortMessage((byte) 1, (byte) 1, "1000", (byte) 1, (byte) 1, "447001234567", (byte) 0x40,
                (byte) 0, (byte) 0, (byte) 1, (byte) 8, payload);
        ByteBuf out = Unpooled.buffer();
        PduWriter.submitSm(out, 3, m);
        SubmitSm submit = new DefaultDecomposer().submitSm(ByteBufUtil.getBytes(out));
        assertEquals("447001234567", submit.getDestAddress());
        assertArrayEquals(payload, ((OptionalParameter.OctetString) submit.getOptionalParameter(
                OptionalParameter.Tag.MESSAGE_PAYLOAD)).getValue());
        assertNull(submit.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM), "no SAR values, none written");
        out.clear();
        PduWriter.submitSm(out, 5, new ShortMessage((byte) 1, (byte) 1, "1000", (byte) 1, (byte) 1, "447001234567",
                (byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 0, new byte[] {'h', 'i'}, ShortMessage.sar(0xBEEF, 3, 2)));
        SubmitSm part = new DefaultDecomposer().submitSm(ByteBufUtil.getBytes(out));
        assertEquals((short) 0xBEEF, ((OptionalParameter.Short) part.getOptionalParameter(
                OptionalParameter.Tag.SAR_MSG_REF_NUM)).getValue());
        assertEquals(3, ((OptionalParameter.Byte) part.getOptionalParameter(
                OptionalParameter.Tag.SAR_TOTAL_SEGMENTS)).getValue());
        assertEquals(2, ((OptionalParameter.Byte) part.getOptionalParameter(
                OptionalParameter.Tag.SAR_SEGMENT_SEQNUM)).getValue());
        out.clear();
        PduWriter.deliverSm(out, 4, m, "00ff", 2);
        DeliverSm deliver = new DefaultDecomposer().deliverSm(ByteBufUtil.getBytes(out));
        assertEquals(4, deliver.getSequenceNumber());
        assertEquals(out.readableBytes(), deliver.getCommandLength());
    }

    @Test
    void aFieldSmppCannotCarryWritesNothing() {
        ShortMessage m = new ShortMessage((byte) 1, (byte) 1, "1".repeat(21), (byte) 1, (byte) 1, "4470", (byte) 0,
                (byte) 0, (byte) 0, (byte) 0, (byte) 0, new byte[10]);
        ByteBuf out = Unpooled.buffer();
        out.writeByte(42);
        PDUStringException e = assertThrows(PDUStringException.class, () -> PduWriter.submitSm(out, 1, m));
        assertEquals(SMPPConstant.STAT_ESME_RINVSRCADR, e.getErrorCode());
        assertEquals(1, out.readableBytes());
    }

    /** @return true when both wrote, false when both refused with the same status */
    private static boolean same(Composed composed, Written written) throws Exception {
        byte[] expected;
        try {
            expected = composed.compose();
        } catch (PDUStringException e) {
            ByteBuf out = Unpooled.buffer();
            PDUStringException ours = assertThrows(PDUStringException.class, () -> written.write(out));
            assertEquals(e.getErrorCode(), ours.getErrorCode());
            assertEquals(0, out.readableBytes(), "nothing written for a refused PDU");
            return false;
        }
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(new byte[] {9, 9, 9}); // PDUs are written after what a batch holds already
        written.write(out);
        out.skipBytes(3);
        assertArrayEquals(expected, ByteBufUtil.getBytes(out));
        return true;
    }

    private static ShortMessage randomMessage(Random random) {
        byte[] payload = new byte[random.nextInt(5) == 0 ? 255 + random.nextInt(400) : random.nextInt(256)];
        random.nextBytes(payload);
        return new ShortMessage((byte) random.nextInt(256), (byte) random.nextInt(256), text(random, random.nextInt(24)),
                (byte) random.nextInt(256), (byte) random.nextInt(256), text(random, random.nextInt(24)),
                (byte) random.nextInt(256), (byte) random.nextInt(256), (byte) random.nextInt(256),
                (byte) random.nextInt(256), (byte) random.nextInt(256), payload, randomSar(random));
    }

    /** A part's SAR values one time in four, else none. */
    private static int randomSar(Random random) {
        if (random.nextInt(4) != 0) {
            return 0;
        }
        int total = 1 + random.nextInt(255);
        return ShortMessage.sar(random.nextInt(0x10000), total, 1 + random.nextInt(total));
    }

    private static String text(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(20);
            b.append(kind == 0 ? '\u00e9' : kind == 1 ? '\u20ac' : (char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }
}
