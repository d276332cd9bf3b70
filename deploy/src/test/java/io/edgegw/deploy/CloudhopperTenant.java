package io.edgegw.deploy;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.ssl.SslConfiguration;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A tenant played by Cloudhopper ch-smpp: an SMPP client written independently of this project,
 * so what it accepts is what a real ESME would accept.
 */
final class CloudhopperTenant implements AutoCloseable {
    /** A receipt as the tenant saw it: the receipted_message_id TLV and the short_message text. */
    record Receipt(String receiptedMessageId, String text) {
    }

    private final DefaultSmppClient client = new DefaultSmppClient(Executors.newCachedThreadPool(), 1);
    private final Queue<Receipt> receipts = new ConcurrentLinkedQueue<>();
    private final SmppSession session;
    /** deliver_sm whose text this picks are answered {@link #REFUSAL} (and not recorded) while it is set. */
    volatile Predicate<String> refuse = text -> false;
    static final int REFUSAL = SmppConstants.STATUS_X_P_APPN;
    /** deliver_sm refused so far. */
    final AtomicInteger refused = new AtomicInteger();

    CloudhopperTenant(int port, String systemId, String password, SmppBindType type) throws Exception {
        this(port, systemId, password, type, null);
    }

    /** Over TLS with {@code ssl} (null: plain TCP). */
    CloudhopperTenant(int port, String systemId, String password, SmppBindType type, SslConfiguration ssl)
            throws Exception {
        SmppSessionConfiguration config = new SmppSessionConfiguration();
        if (ssl != null) {
            config.setUseSsl(true);
            config.setSslConfiguration(ssl);
        }
        config.setType(type);
        config.setHost("127.0.0.1");
        config.setPort(port);
        config.setSystemId(systemId);
        config.setPassword(password);
        config.setWindowSize(50);
        config.setConnectTimeout(5_000);
        config.setBindTimeout(5_000);
        config.setRequestExpiryTimeout(10_000);
        config.getLoggingOptions().setLogPdu(false); // a line per PDU slows a test of thousands
        try {
            session = client.bind(config, new DefaultSmppSessionHandler() {
                @Override
                public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
                    // an answer to submitAsync: its future holds it (the default logs a warning for each)
                }

                @Override
                public PduResponse firePduRequestReceived(PduRequest request) {
                    if (request instanceof DeliverSm deliver) {
                        Tlv id = deliver.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
                        String text = new String(deliver.getShortMessage(), StandardCharsets.ISO_8859_1);
                        if (refuse.test(text)) {
                            refused.incrementAndGet();
                            PduResponse no = request.createResponse();
                            no.setCommandStatus(REFUSAL);
                            return no;
                        }
                        try {
                            receipts.add(new Receipt(id == null ? null : id.getValueAsString(), text));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return request.createResponse();
                }
            });
        } catch (Exception e) {
            client.destroy();
            throw e;
        }
    }

    SubmitSmResp submit(String destination, String text) throws Exception {
        return submit(destination, text, SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED);
    }

    SubmitSmResp submit(String destination, String text, byte registeredDelivery) throws Exception {
        return submit(destination, text, registeredDelivery, null);
    }

    /** @param validityPeriod SMPP 3.4 validity_period (absolute or relative, section 7.1.1), null for none */
    SubmitSmResp submit(String destination, String text, byte registeredDelivery, String validityPeriod)
            throws Exception {
        return submit(destination, text, registeredDelivery, validityPeriod, null);
    }

    /** @param scheduleDeliveryTime SMPP 3.4 schedule_delivery_time (section 7.1.1), null for none */
    SubmitSmResp submit(String destination, String text, byte registeredDelivery, String validityPeriod,
                        String scheduleDeliveryTime) throws Exception {
        SubmitSm submit = new SubmitSm();
        submit.setValidityPeriod(validityPeriod);
        submit.setScheduleDeliveryTime(scheduleDeliveryTime);
        submit.setSourceAddress(new Address(SmppConstants.TON_ALPHANUMERIC, SmppConstants.NPI_UNKNOWN, "Acme"));
        submit.setDestAddress(new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164, destination));
        submit.setRegisteredDelivery(registeredDelivery);
        submit.setShortMessage(CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM));
        return session.submit(submit, 10_000);
    }

    /** {@code octets} as short_message with {@code dataCoding}, a receipt requested. */
    SubmitSmResp submitOctets(String destination, byte[] octets, byte dataCoding) throws Exception {
        SubmitSm submit = new SubmitSm();
        submit.setSourceAddress(new Address(SmppConstants.TON_ALPHANUMERIC, SmppConstants.NPI_UNKNOWN, "Acme"));
        submit.setDestAddress(new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164, destination));
        submit.setRegisteredDelivery(SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED);
        submit.setDataCoding(dataCoding);
        submit.setShortMessage(octets);
        return session.submit(submit, 10_000);
    }

    /** A GSM 7-bit text carried in the message_payload TLV (short_message empty), without a receipt. */
    SubmitSmResp submitPayload(String destination, String text) throws Exception {
        return submitPayload(destination, text, (byte) 0);
    }

    /** As {@link #submitPayload(String, String)}, asking for a receipt as {@code registeredDelivery} says. */
    SubmitSmResp submitPayload(String destination, String text, byte registeredDelivery) throws Exception {
        SubmitSm submit = new SubmitSm();
        submit.setRegisteredDelivery(registeredDelivery);
        submit.setSourceAddress(new Address(SmppConstants.TON_ALPHANUMERIC, SmppConstants.NPI_UNKNOWN, "Acme"));
        submit.setDestAddress(new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164, destination));
        submit.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD,
                CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM)));
        return session.submit(submit, 10_000);
    }

    /** One part of a concatenated GSM 7-bit text in short_message, carrying the SAR TLVs, with a receipt asked. */
    SubmitSmResp submitSarPart(String destination, String text, int reference, int total, int seq) throws Exception {
        SubmitSm submit = plain(destination, text);
        submit.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM,
                new byte[] {(byte) (reference >> 8), (byte) reference}));
        submit.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, new byte[] {(byte) total}));
        submit.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, new byte[] {(byte) seq}));
        return session.submit(submit, 10_000);
    }

    /**
     * One part of a concatenated GSM 7-bit text in short_message, after a UDH concatenation IE (8-bit reference
     * {@code 05 00 03}, or 16-bit {@code 06 08 04} when {@code wide}), with a receipt asked.
     */
    SubmitSmResp submitUdhPart(String destination, String text, boolean wide, int reference, int total, int seq)
            throws Exception {
        byte[] header = wide
                ? new byte[] {6, 8, 4, (byte) (reference >> 8), (byte) reference, (byte) total, (byte) seq}
                : new byte[] {5, 0, 3, (byte) reference, (byte) total, (byte) seq};
        byte[] body = CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM);
        byte[] userData = new byte[header.length + body.length];
        System.arraycopy(header, 0, userData, 0, header.length);
        System.arraycopy(body, 0, userData, header.length, body.length);
        SubmitSm submit = plain(destination, text);
        submit.setEsmClass(SmppConstants.ESM_CLASS_UDHI_MASK);
        submit.setShortMessage(userData);
        return session.submit(submit, 10_000);
    }

    private static SubmitSm plain(String destination, String text) throws Exception {
        SubmitSm submit = new SubmitSm();
        submit.setSourceAddress(new Address(SmppConstants.TON_ALPHANUMERIC, SmppConstants.NPI_UNKNOWN, "Acme"));
        submit.setDestAddress(new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164, destination));
        submit.setRegisteredDelivery(SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED);
        submit.setShortMessage(CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM));
        return submit;
    }

    /**
     * Sends a submit_sm without waiting for its answer (waiting only for room in the window of 50), for a test of
     * thousands; the future holds the submit_sm_resp.
     */
    WindowFuture<Integer, PduRequest, PduResponse> submitAsync(String destination, String text) throws Exception {
        SubmitSm submit = new SubmitSm();
        submit.setSourceAddress(new Address(SmppConstants.TON_ALPHANUMERIC, SmppConstants.NPI_UNKNOWN, "Acme"));
        submit.setDestAddress(new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164, destination));
        submit.setShortMessage(CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM));
        return session.sendRequestPdu(submit, 10_000, false);
    }

    Queue<Receipt> receipts() {
        return receipts;
    }

    @Override
    public void close() {
        try {
            session.unbind(2_000);
        } finally {
            session.destroy();
            client.destroy();
        }
    }
}
