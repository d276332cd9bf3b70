package io.edgegw.core.usage;

import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.StringCache;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;

import java.util.ArrayList;
import java.util.List;

/**
 * One usage event as the usage journal ({@code <storage.dir>/usage}) holds it, one Chronicle document each, written
 * field by field and versioned like the message queues ({@link QueueRecords}). Every event made from a queue names its
 * tenant and the index in that queue it was made from: the event and its source position are one document, so they
 * are on disk together or not at all, and a restart resumes after the last source index found here (per source:
 * {@link #sourceOf}).
 * <p>
 * Kinds: {@link #ACCEPTED} (an acknowledged MT message, from the tenant's inbound queue), {@link #ROUTED} (a carrier
 * accepted it, from the correlations journal), {@link #FINAL} (its final state, from a receipt in the tenant's
 * outbound queue), {@link #MO} (a mobile-originated message delivered to the tenant, from its outbound queue),
 * {@link #CALL} (an answered call, from the SIP connector's call records). Version 1 events (ACCEPTED only) still read; the fields they lack read as "" and -1.
 *
 * @param tenantId       the tenant the event is counted for
 * @param sourceIndex    its Chronicle index in the queue it was made from ({@link #sourceOf} says which); for a
 *                       message accepted into the tenant's scheduled queue (due later), {@code ~index} (negative) of
 *                       its index there
 * @param gatewayId      the gateway's message id (as a number, see MessageIds)
 * @param acceptedMillis the time the event counts at (epoch ms): ACCEPTED when the journal accepted the message;
 *                       ROUTED, FINAL and MO when the usage reader read their source (within its lag of the
 *                       carrier's answer, the receipt or the MO, see docs/ARCHITECTURE.md)
 * @param segments       segments it counts for (text.MessageForm); ROUTED: the message's, 0 when not found; FINAL: 0
 * @param alphabet       the alphabet its data_coding means for counting (text.Alphabet name)
 * @param dataCoding     the data_coding octet as sent
 * @param destination    the destination's leading digits, at most {@link #MAX_DIGITS} (MO: the tenant's number)
 * @param country        E.164 country code of the destination ({@link CountryCode}), "" when not a known one; MO:
 *                       of the source, the handset that sent it
 * @param carrierId      ROUTED: the carrier that accepted the submit; "" for the other kinds
 * @param messageState   FINAL: the SMPP message_state; -1 for the other kinds
 * @param callId         CALL: the call's SIP Call-ID (at most {@link #MAX_CALL_ID} characters kept); "" otherwise
 * @param seconds        CALL: seconds from answer to hang-up (before any billing increment); 0 otherwise
 */
public record UsageRecord(byte kind, String tenantId, long sourceIndex, long gatewayId, long acceptedMillis,
                          int segments, String alphabet, int dataCoding, String destination, String country,
                          String carrierId, int messageState, String callId, long seconds) {
    /** Version 1: ACCEPTED events, up to {@code country}. */
    public static final byte VERSION_1 = 1;
    /** Version 2: any kind, with carrier id, message_state, Call-ID and seconds after the country. */
    public static final byte VERSION = 2;
    /**
     * A document of several events ({@link Writer#writeBatch}): this octet, their count (stop bit), then each event as
     * a version 2 one. The usage reader writes the events it makes in one pass over one source this way, at most
     * {@link #MAX_BATCH} a document: a Chronicle document costs more to write and read than the event in it.
     */
    public static final byte VERSION_BATCH = 3;
    /** Events in one document, at most. */
    public static final int MAX_BATCH = 64;
    /** An MT message acknowledged to the tenant. */
    public static final byte ACCEPTED = 1;
    /** A carrier accepted the message (its submit_sm_resp OK): once per carrier that did. */
    public static final byte ROUTED = 2;
    /** A message's final state (SMPP message_state) from its receipt, the carrier's or the gateway's own. */
    public static final byte FINAL = 3;
    /** A mobile-originated message a carrier delivered to the tenant (its number), from its outbound queue. */
    public static final byte MO = 4;
    /**
     * An answered outbound call, from its call detail record (handed over in memory: no source index, see
     * docs/ARCHITECTURE.md); carrier, destination digits, seconds and Call-ID.
     */
    public static final byte CALL = 5;
    /** Call-IDs longer than this are cut (RFC 3261 sets no bound; ours are far shorter). */
    public static final int MAX_CALL_ID = 200;
    /** Which queue an event's source index is in ({@link #NONE}: made from no queue). */
    public enum Source { INBOUND, SCHEDULED, CORRELATIONS, OUTBOUND, NONE }
    /** E.164 numbers are at most 15 digits. */
    public static final int MAX_DIGITS = 15;
    /** Tenant ids, alphabet names and the like; anything longer is a corrupt record. */
    private static final int MAX_STRING = 256;

    /** An SMS event (no Call-ID, no seconds). */
    public UsageRecord(byte kind, String tenantId, long sourceIndex, long gatewayId, long acceptedMillis,
                       int segments, String alphabet, int dataCoding, String destination, String country,
                       String carrierId, int messageState) {
        this(kind, tenantId, sourceIndex, gatewayId, acceptedMillis, segments, alphabet, dataCoding, destination,
                country, carrierId, messageState, "", 0);
    }

    /** An ACCEPTED event (the fields of version 1). */
    public UsageRecord(byte kind, String tenantId, long sourceIndex, long gatewayId, long acceptedMillis,
                       int segments, String alphabet, int dataCoding, String destination, String country) {
        this(kind, tenantId, sourceIndex, gatewayId, acceptedMillis, segments, alphabet, dataCoding, destination,
                country, "", -1);
    }

    /** The queue this event's {@link #sourceIndex} is in. */
    public Source sourceOf() {
        return switch (kind) {
            case ROUTED -> Source.CORRELATIONS;
            case FINAL, MO -> Source.OUTBOUND;
            case CALL -> Source.NONE;
            default -> sourceIndex < 0 ? Source.SCHEDULED : Source.INBOUND;
        };
    }

    /** One event, through a {@link Writer} of its own (a journal keeps one Writer for all its events). */
    public static void write(BytesOut<?> out, UsageRecord r) {
        new Writer().write(out, r);
    }

    /**
     * Writes events field by field as {@link #read} reads them (8-bit strings and stop bits as Chronicle encodes
     * them), through one reusable buffer: the fields encoded on the heap (strings copied in bulk, longs in the
     * platform's order as Chronicle writes them), then one write into the journal's mapped file instead of fifteen
     * checked ones. One thread's.
     */
    public static final class Writer {
        private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());
        private byte[] buf = new byte[512];
        private int n;

        public void write(BytesOut<?> out, UsageRecord r) {
            n = 0;
            encode(r);
            out.write(buf, 0, n);
        }

        /** Events {@code 0..count-1} of {@code events} as one document ({@link #VERSION_BATCH}). */
        public void writeBatch(BytesOut<?> out, UsageRecord[] events, int count) {
            if (count < 1 || count > MAX_BATCH) {
                throw new IllegalArgumentException("a batch of " + count);
            }
            n = 0;
            octet(VERSION_BATCH);
            stopBit(count);
            for (int k = 0; k < count; k++) {
                encode(events[k]);
            }
            out.write(buf, 0, n);
        }

        private void encode(UsageRecord r) {
            octet(VERSION);
            octet(r.kind);
            string(r.tenantId);
            longValue(r.sourceIndex);
            longValue(r.gatewayId);
            longValue(r.acceptedMillis);
            stopBit(r.segments);
            string(r.alphabet);
            octet((byte) r.dataCoding);
            string(r.destination);
            string(r.country);
            string(r.carrierId);
            stopBit(r.messageState);
            string(r.callId);
            stopBit(r.seconds);
        }

        private void room(int more) {
            if (n + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        private void octet(byte b) {
            room(1);
            buf[n++] = b;
        }

        private void longValue(long v) {
            room(8);
            LONGS.set(buf, n, v);
            n += 8;
        }

        /** Chronicle's stop-bit encoding: 7 bits an octet, low first; a negative as ~n, ended by 0x80 0x00. */
        private void stopBit(long v) {
            room(12);
            boolean negative = v < 0;
            long rest = negative ? ~v : v;
            while ((rest & ~0x7FL) != 0) {
                buf[n++] = (byte) (0x80 | rest & 0x7F);
                rest >>>= 7;
            }
            if (negative) {
                buf[n++] = (byte) (0x80 | rest);
                buf[n++] = 0;
            } else {
                buf[n++] = (byte) rest;
            }
        }

        /** As {@code write8bit}: the length, then each char's low octet (the strings here are Latin-1). */
        @SuppressWarnings("deprecation")
        private void string(String s) {
            int length = s.length();
            stopBit(length);
            room(length);
            s.getBytes(0, length, buf, n);
            n += length;
        }
    }

    /**
     * The events of one usage journal document, one or ({@link #VERSION_BATCH}) several, in order; throws
     * IllegalStateException as {@link #read} does (an unreadable document is skipped whole by its readers).
     */
    public static List<UsageRecord> readDocument(BytesIn<?> in, StringCache strings) {
        if (in.peekUnsignedByte() != VERSION_BATCH) {
            return List.of(read(in, strings));
        }
        in.readSkip(1);
        long count = in.readStopBit();
        if (count < 1 || count > MAX_BATCH) {
            throw new IllegalStateException("corrupt usage record: a batch of " + count);
        }
        List<UsageRecord> events = new ArrayList<>((int) count);
        for (int k = 0; k < count; k++) {
            events.add(read(in, strings));
        }
        return events;
    }

    /** Reads one event; throws IllegalStateException on a version or kind it does not know or a corrupt length. */
    public static UsageRecord read(BytesIn<?> in) {
        return read(in, null);
    }

    /** As {@link #read(BytesIn)}, its strings from {@code strings} where they are kept there (null: none). */
    public static UsageRecord read(BytesIn<?> in, StringCache strings) {
        byte v = in.readByte();
        if (v != VERSION && v != VERSION_1) {
            throw new IllegalStateException("unknown usage record version " + v);
        }
        byte kind = in.readByte();
        if (kind != ACCEPTED && (v == VERSION_1 || kind != ROUTED && kind != FINAL && kind != MO
                && kind != CALL)) {
            throw new IllegalStateException("unknown usage record kind " + kind);
        }
        String tenant = string(in, strings);
        long source = in.readLong();
        long id = in.readLong();
        long accepted = in.readLong();
        long segments = in.readStopBit();
        if (segments < 0 || segments > Integer.MAX_VALUE) {
            throw new IllegalStateException("corrupt usage record: segments " + segments);
        }
        String alphabet = string(in, strings);
        int dc = in.readByte() & 0xFF;
        String destination = string(in, strings);
        String country = string(in, strings);
        if (v == VERSION_1) {
            return new UsageRecord(kind, tenant, source, id, accepted, (int) segments, alphabet, dc, destination,
                    country);
        }
        String carrier = string(in, strings);
        long state = in.readStopBit();
        if (state < -1 || state > 0xFF) {
            throw new IllegalStateException("corrupt usage record: message_state " + state);
        }
        String callId = string(in, strings);
        long seconds = in.readStopBit();
        if (seconds < 0) {
            throw new IllegalStateException("corrupt usage record: seconds " + seconds);
        }
        return new UsageRecord(kind, tenant, source, id, accepted, (int) segments, alphabet, dc, destination,
                country, carrier, (int) state, callId, seconds);
    }

    private static String string(BytesIn<?> in, StringCache strings) {
        String s = strings == null ? QueueRecords.readString(in) : QueueRecords.readString(in, strings);
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
