package io.edgegw.core.usage;

import io.edgegw.core.queue.QueueRecords;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * One usage event as the usage journal ({@code <storage.dir>/usage}) holds it, one Chronicle document each, written
 * field by field and versioned like the message queues ({@link QueueRecords}). Every event names its tenant and the
 * index in that tenant's inbound queue it was made from: the event and its source position are one document, so they
 * are on disk together or not at all, and a restart resumes after the last source index found here.
 * <p>
 * Kinds: {@link #ACCEPTED} is written now (one per acknowledged MT message). {@link #ROUTED} (the carrier chosen) and
 * {@link #FINAL} (the final state from the receipt) are reserved, keyed by gateway id; see docs/ARCHITECTURE.md.
 *
 * @param tenantId       the tenant whose inbound queue the message is in
 * @param sourceIndex    its Chronicle index in that queue; for a message accepted into the tenant's scheduled queue
 *                       (due later), {@code ~index} (negative) of its index there
 * @param gatewayId      the gateway's message id (as a number, see MessageIds)
 * @param acceptedMillis when the journal accepted it (epoch ms), the time it is counted at
 * @param segments       segments it counts for (text.MessageForm)
 * @param alphabet       the alphabet its data_coding means for counting (text.Alphabet name)
 * @param dataCoding     the data_coding octet as sent
 * @param destination    the destination's leading digits, at most {@link #MAX_DIGITS}
 * @param country        E.164 country code of the destination ({@link CountryCode}), "" when not a known one
 */
public record UsageRecord(byte kind, String tenantId, long sourceIndex, long gatewayId, long acceptedMillis,
                          int segments, String alphabet, int dataCoding, String destination, String country) {
    public static final byte VERSION = 1;
    /** An MT message acknowledged to the tenant. */
    public static final byte ACCEPTED = 1;
    /** Reserved: the carrier a message was handed to (tenant, gateway id, carrier id, time). */
    public static final byte ROUTED = 2;
    /** Reserved: a message's final state (tenant, gateway id, SMPP message_state, time). */
    public static final byte FINAL = 3;
    /** E.164 numbers are at most 15 digits. */
    public static final int MAX_DIGITS = 15;
    /** Tenant ids, alphabet names and the like; anything longer is a corrupt record. */
    private static final int MAX_STRING = 256;

    public static void write(BytesOut<?> out, UsageRecord r) {
        out.writeByte(VERSION);
        out.writeByte(r.kind);
        out.write8bit(r.tenantId);
        out.writeLong(r.sourceIndex);
        out.writeLong(r.gatewayId);
        out.writeLong(r.acceptedMillis);
        out.writeStopBit(r.segments);
        out.write8bit(r.alphabet);
        out.writeByte((byte) r.dataCoding);
        out.write8bit(r.destination);
        out.write8bit(r.country);
    }

    /** Reads one event; throws IllegalStateException on a version or kind it does not know or a corrupt length. */
    public static UsageRecord read(BytesIn<?> in) {
        byte v = in.readByte();
        if (v != VERSION) {
            throw new IllegalStateException("unknown usage record version " + v);
        }
        byte kind = in.readByte();
        if (kind != ACCEPTED) {
            throw new IllegalStateException("unknown usage record kind " + kind);
        }
        String tenant = string(in);
        long source = in.readLong();
        long id = in.readLong();
        long accepted = in.readLong();
        long segments = in.readStopBit();
        if (segments < 0 || segments > Integer.MAX_VALUE) {
            throw new IllegalStateException("corrupt usage record: segments " + segments);
        }
        String alphabet = string(in);
        int dc = in.readByte() & 0xFF;
        return new UsageRecord(kind, tenant, source, id, accepted, (int) segments, alphabet, dc, string(in),
                string(in));
    }

    private static String string(BytesIn<?> in) {
        String s = QueueRecords.readString(in);
        if (s == null || s.length() > MAX_STRING) {
            throw new IllegalStateException("corrupt usage record: a string of " + (s == null ? "null" : s.length()));
        }
        return s;
    }

    /** The leading digits of an address (a leading '+' skipped), at most {@link #MAX_DIGITS}; "" for none. */
    public static String digits(String address) {
        if (address == null) {
            return "";
        }
        int i = address.startsWith("+") ? 1 : 0;
        int end = i;
        while (end < address.length() && end - i < MAX_DIGITS && Character.isDigit(address.charAt(end))
                && address.charAt(end) < 128) {
            end++;
        }
        return address.substring(i, end);
    }
}
