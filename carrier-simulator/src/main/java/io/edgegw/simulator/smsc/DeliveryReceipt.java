package io.edgegw.simulator.smsc;

import org.jsmpp.PDUStringException;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One SMSC delivery receipt waiting to be written as deliver_sm: SMPP 3.4 Appendix B text plus the
 * receipted_message_id and message_state TLVs, so gateways that read either can correlate it.
 * Source and destination are swapped from the submit: the receipt comes from the handset.
 */
record DeliveryReceipt(String systemId, String messageId, byte sourceTon, byte sourceNpi, String source,
                       byte destTon, byte destNpi, String destination, LocalDateTime submitted,
                       LocalDateTime done, ReceiptOutcome outcome, String text, int attempt) {

    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final int TEXT_CHARS = 20;

    static String excerpt(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        return text.length() <= TEXT_CHARS ? text : text.substring(0, TEXT_CHARS);
    }

    String shortMessage() {
        String delivered = outcome == ReceiptOutcome.DELIVRD ? "001" : "000";
        return "id:" + messageId + " sub:001 dlvrd:" + delivered
                + " submit date:" + RECEIPT_DATE.format(submitted) + " done date:" + RECEIPT_DATE.format(done)
                + " stat:" + outcome.name() + " err:" + outcome.errorCode() + " text:" + text;
    }

    DeliveryReceipt nextAttempt() {
        return new DeliveryReceipt(systemId, messageId, sourceTon, sourceNpi, source, destTon, destNpi, destination,
                submitted, done, outcome, text, attempt + 1);
    }

    byte[] toPdu(DefaultComposer composer, int sequenceNumber) throws PDUStringException {
        return composer.deliverSm(sequenceNumber, null, sourceTon, sourceNpi, source, destTon, destNpi, destination,
                MessageType.SMSC_DEL_RECEIPT.value(), (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                shortMessage().getBytes(StandardCharsets.ISO_8859_1),
                new OptionalParameter.Receipted_message_id(messageId),
                new OptionalParameter.Message_state(outcome.messageState().value()));
    }
}
