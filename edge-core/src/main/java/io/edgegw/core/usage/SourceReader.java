package io.edgegw.core.usage;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.StringCache;
import io.edgegw.core.receipt.CorrelationRecord;
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.text.DataCoding;
import io.edgegw.core.text.MessageForm;
import net.openhft.chronicle.bytes.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one record of a source queue into its usage event: an inbound submit (ACCEPTED), a correlation (ROUTED, with
 * the message found in the inbound queue) or an outbound record (a receipt: FINAL; an MO: MO). What cannot be read is logged, at most once
 * a minute per tenant and kind, never thrown. The usage reader's thread only.
 */
final class SourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(SourceReader.class);
    private final OncePerMinute warnings = new OncePerMinute();
    private final QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
    /** Carrier and tenant ids of correlations, read once. */
    private final StringCache strings = new StringCache(8);

    /**
     * The event of one inbound or scheduled record ({@code index} negated for scheduled); null for the gateway's copy
     * of a scheduled record (counted when accepted). A record it cannot read still gets one (0 segments), with a
     * warning.
     */
    UsageRecord accepted(String tenantId, Alphabet smscDefault, long index, Bytes<?> in) {
        try {
            QueueRecords.readSubmitHead(in, head);
            if (head.moved) {
                return null;
            }
            ShortMessage m = QueueRecords.readMessage(in, head.sar);
            Alphabet alphabet = DataCoding.forCounting(m.dataCoding() & 0xFF, smscDefault);
            int segments = segments(m, alphabet);
            String digits = UsageRecord.digits(m.destAddr());
            return new UsageRecord(UsageRecord.ACCEPTED, tenantId, index, head.gatewayId, head.acceptedMillis,
                    segments, alphabet.name(), m.dataCoding() & 0xFF, digits, CountryCode.of(digits));
        } catch (RuntimeException e) {
            if (warnings.allow(tenantId)) {
                LOG.warn("usage: tenant {} inbound record {} unreadable, counted as 0 segments (more not logged for "
                        + "a minute): {}", tenantId, Long.toHexString(index), e.toString());
            }
            return new UsageRecord(UsageRecord.ACCEPTED, tenantId, index, 0, System.currentTimeMillis(), 0, "", 0,
                    "", "");
        }
    }

    /**
     * The ROUTED event of one correlation of the tenant's: the message's segments and destination from its inbound
     * queue; a message no longer there gets 0 segments and no destination (its cost unknown), with a warning.
     */
    UsageRecord routed(String tenantId, Alphabet smscDefault, InboundLookup inbound, long index,
                       CorrelationRecord.Entry e) {
        long gatewayId = e.correlation().gatewayId();
        ShortMessage m = inbound.find(gatewayId);
        long now = System.currentTimeMillis();
        if (m == null) {
            if (warnings.allow(tenantId + "/routed")) {
                LOG.warn("usage: tenant {} message {} routed to {} is no longer in its inbound queue: its cost is "
                        + "unknown (more not logged for a minute)", tenantId, MessageIds.render(gatewayId),
                        e.carrierId());
            }
            return new UsageRecord(UsageRecord.ROUTED, tenantId, index, gatewayId, now, 0, "", 0, "", "",
                    e.carrierId(), -1);
        }
        Alphabet alphabet = DataCoding.forCounting(m.dataCoding() & 0xFF, smscDefault);
        String digits = UsageRecord.digits(m.destAddr());
        return new UsageRecord(UsageRecord.ROUTED, tenantId, index, gatewayId, now, segments(m, alphabet),
                alphabet.name(), m.dataCoding() & 0xFF, digits, CountryCode.of(digits), e.carrierId(), -1);
    }

    /**
     * The ROUTED event of one correlation of the tenant's whose ACCEPTED event {@code accepted} is at hand
     * ({@link RecentAccepted}): the same segments, alphabet and destination, without reading the message again.
     */
    UsageRecord routed(UsageRecord accepted, long index, CorrelationRecord.Entry e) {
        return new UsageRecord(UsageRecord.ROUTED, accepted.tenantId(), index, accepted.gatewayId(),
                System.currentTimeMillis(), accepted.segments(), accepted.alphabet(), accepted.dataCoding(),
                accepted.destination(), accepted.country(), e.carrierId(), -1);
    }

    /** A correlations-journal entry, or null (with a warning) when it cannot be read or is of another version. */
    CorrelationRecord.Entry correlation(long index, Bytes<?> in) {
        try {
            CorrelationRecord.Entry e = CorrelationRecord.read(in, strings);
            if (e != null) {
                return e;
            }
        } catch (RuntimeException unreadable) {
            // as one of another version: no event
        }
        if (warnings.allow("correlations")) {
            LOG.warn("usage: correlation {} unreadable, no ROUTED event (more not logged for a minute)",
                    Long.toHexString(index));
        }
        return null;
    }

    /**
     * The event of an outbound record: FINAL for a final receipt, MO for a mobile-originated message (its segments by
     * its data_coding, 0 read as GSM 7-bit: the record does not name the carrier whose default it would be); null for
     * a receipt on the way (ENROUTE, ACCEPTD) or a record it cannot read.
     */
    UsageRecord outbound(String tenantId, long index, Bytes<?> in) {
        try {
            QueueRecords.checkVersion(in);
            long idLength = in.readStopBit(); // -1: no receipted message id, an MO
            long receipted = idLength == -1 ? 0 : receiptedId(in, idLength);
            int state = in.readInt();
            if (idLength == -1) {
                ShortMessage m = QueueRecords.readMessage(in);
                Alphabet alphabet = DataCoding.forCounting(m.dataCoding() & 0xFF, Alphabet.GSM7);
                String source = UsageRecord.digits(m.sourceAddr());
                return new UsageRecord(UsageRecord.MO, tenantId, index, 0, System.currentTimeMillis(),
                        segments(m, alphabet), alphabet.name(), m.dataCoding() & 0xFF,
                        UsageRecord.digits(m.destAddr()), CountryCode.of(source), "", -1);
            }
            if (!SmppStatus.isFinal(state) || state < 0 || state > 0xFF) {
                return null;
            }
            return new UsageRecord(UsageRecord.FINAL, tenantId, index, receipted,
                    System.currentTimeMillis(), 0, "", 0, "", "", "", state);
        } catch (RuntimeException e) {
            if (warnings.allow(tenantId + "/outbound")) {
                LOG.warn("usage: tenant {} outbound record {} unreadable, no usage event (more not logged for a "
                        + "minute): {}", tenantId, Long.toHexString(index), e.toString());
            }
            return null;
        }
    }

    /**
     * A receipt's receipted gateway id, its {@code length} hex octets read without a String; throws
     * IllegalStateException on anything but 1-16 hex digits.
     */
    static long receiptedId(Bytes<?> in, long length) {
        if (length < 1 || length > 16 || length > in.readRemaining()) {
            throw new IllegalStateException("receipted message id of " + length + " octets");
        }
        long id = 0;
        for (int k = 0; k < length; k++) {
            int c = in.readUnsignedByte();
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (v < 0) {
                throw new IllegalStateException("receipted message id is not hex");
            }
            id = id << 4 | v;
        }
        return id;
    }

    /**
     * Segments of an accepted message by its esm_class, data_coding (0 read as the tenant's SMSC default) and octets:
     * more than an SMPP short_message holds came as message_payload (SAR values are not kept in the queue: a SAR part
     * counts as the text it carries, 1 for any part of usual size). A part (UDH) counts 1; a malformed one counts 1
     * too, since it was accepted and will be sent.
     */
    static int segments(ShortMessage m, Alphabet alphabet) {
        byte[] p = m.payload() == null ? new byte[0] : m.payload();
        boolean payload = p.length > MessageForm.MAX_SHORT_MESSAGE;
        boolean sar = m.hasSar();
        int segments = MessageForm.segments(m.esmClass() & 0xFF, alphabet, payload ? null : p, payload ? p : null,
                sar ? m.sarReference() : MessageForm.NONE, sar ? m.sarTotal() : MessageForm.NONE,
                sar ? m.sarSeq() : MessageForm.NONE);
        return Math.max(1, segments); // a malformed one (negative) was refused at submit; counted 1 if it got in
    }
}
