package io.edgegw.simulator.smsc;

import io.edgegw.simulator.wire.MessageFields;
import io.edgegw.simulator.wire.PduWriter;
import io.netty.buffer.ByteBuf;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One SMSC delivery receipt waiting to be written as deliver_sm: SMPP 3.4 Appendix B text plus the
 * receipted_message_id and message_state TLVs, so gateways that read either can correlate it. {@code addressing} has
 * source and destination swapped from the submit (the receipt comes from the handset). The text is written straight
 * into the outgoing buffer; the id stays a number until then. {@code attempt} counts towards
 * {@link ReceiptRouter#MAX_ATTEMPTS}; {@code written}: it went out before, so writing it again is a resend.
 */
record DeliveryReceipt(String systemId, long messageId, MessageFields addressing, long submittedMillis,
                       long doneMillis, ReceiptOutcome outcome, byte[] excerpt, int attempt, boolean written) {

    private static final int TEXT_CHARS = 20;
    private static final short RECEIPTED_MESSAGE_ID = OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code();
    private static final short MESSAGE_STATE = OptionalParameter.Tag.MESSAGE_STATE.code();
    private static final byte[] ID = ascii("id:");
    private static final byte[] DELIVERED = ascii(" sub:001 dlvrd:001 submit date:");
    private static final byte[] NOT_DELIVERED = ascii(" sub:001 dlvrd:000 submit date:");
    private static final byte[] DONE_DATE = ascii(" done date:");
    private static final byte[] STAT = ascii(" stat:");
    private static final byte[] ERR = ascii(" err:");
    private static final byte[] TEXT = ascii(" text:");
    private static final byte[][] STAT_NAMES = Arrays.stream(ReceiptOutcome.values()).map(o -> ascii(o.name()))
            .toArray(byte[][]::new);
    private static final byte[][] ERROR_CODES = Arrays.stream(ReceiptOutcome.values()).map(o -> ascii(o.errorCode()))
            .toArray(byte[][]::new);

    /** A receipt for a message just accepted, addressed back from {@code submitted}'s destination. */
    static DeliveryReceipt of(String systemId, long messageId, MessageFields submitted, long submittedMillis,
                              long doneMillis, ReceiptOutcome outcome, byte[] messageText) {
        MessageFields back = MessageFields.of(submitted.destTon(), submitted.destNpi(), submitted.destination(),
                submitted.sourceTon(), submitted.sourceNpi(), submitted.source(), MessageType.SMSC_DEL_RECEIPT.value(),
                (byte) 0, (byte) 0);
        byte[] excerpt = messageText.length <= TEXT_CHARS ? messageText : Arrays.copyOf(messageText, TEXT_CHARS);
        return new DeliveryReceipt(systemId, messageId, back, submittedMillis, doneMillis, outcome, excerpt, 1, false);
    }

    /** Sent again after its receiver refused it or left it unanswered: one attempt more. */
    DeliveryReceipt nextAttempt() {
        return new DeliveryReceipt(systemId, messageId, addressing, submittedMillis, doneMillis, outcome, excerpt,
                attempt + 1, true);
    }

    /**
     * Sent again because its connection closed before an answer: the same attempt, as a real SMSC keeps a receipt
     * for the next bind. Counted as one, a gateway killed with several binds (each close handing its receipts to
     * another bind about to close too) used up a receipt's attempts in a moment and the receipt was dropped.
     */
    DeliveryReceipt handedBack() {
        return written ? this : new DeliveryReceipt(systemId, messageId, addressing, submittedMillis, doneMillis,
                outcome, excerpt, attempt, true);
    }

    /** Writes this receipt as one deliver_sm PDU with {@code sequence}. */
    void writeTo(ByteBuf out, int sequence, MessageIdFormat ids, ReceiptDate submitDate, ReceiptDate doneDate) {
        int start = PduWriter.beginMessage(out, SMPPConstant.CID_DELIVER_SM, sequence, addressing, null);
        int text = out.writerIndex();
        out.writeBytes(ID);
        ids.write(out, messageId);
        out.writeBytes(outcome == ReceiptOutcome.DELIVRD ? DELIVERED : NOT_DELIVERED);
        submitDate.write(out, submittedMillis);
        out.writeBytes(DONE_DATE);
        doneDate.write(out, doneMillis);
        out.writeBytes(STAT).writeBytes(STAT_NAMES[outcome.ordinal()]);
        out.writeBytes(ERR).writeBytes(ERROR_CODES[outcome.ordinal()]);
        out.writeBytes(TEXT).writeBytes(excerpt);
        PduWriter.endShortMessage(out, text);
        int id = PduWriter.beginTlv(out, RECEIPTED_MESSAGE_ID);
        ids.write(out, messageId);
        out.writeByte(0);
        PduWriter.endTlv(out, id);
        PduWriter.octetTlv(out, MESSAGE_STATE, outcome.messageState().value());
        PduWriter.end(out, start);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
