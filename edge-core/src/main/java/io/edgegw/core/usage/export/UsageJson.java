package io.edgegw.core.usage.export;

import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.usage.UsageRecord;
import net.openhft.chronicle.bytes.BytesIn;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * A usage event as exported, one JSON object on one line: the only place events are rendered, so the daily files and
 * the Kafka topic say the same thing. Each kind of {@link UsageRecord} has its case in {@link #render}; every line
 * starts with {@code id} (see {@link #eventId}), {@code kind}, {@code time} (UTC, milliseconds) and {@code tenant}.
 * <p>
 * {@code accepted}: {@code gatewayId} (the message id the tenant got), {@code segments}, {@code alphabet},
 * {@code dataCoding}, {@code destination} (its leading digits, at most 15) and {@code country} (E.164 code, "" when
 * not a known one). {@code routed}: {@code gatewayId}, {@code carrier}, {@code segments} (0 when the message was no
 * longer found), {@code destination}, {@code country}. {@code final}: {@code gatewayId}, {@code messageState} (the SMPP
 * number) and {@code stat} (its receipt word, DELIVRD, UNDELIV, ...). {@code mo}: {@code segments}, {@code alphabet},
 * {@code dataCoding}, {@code number} (the tenant's number it was sent to) and {@code country} (the sender's).
 * {@code call}: {@code callId}, {@code carrier}, {@code destination}, {@code country}, {@code seconds} (answer to
 * hang-up, before any billing increment).
 * <p>
 * An instance renders from the journal's octets ({@link #read}, as {@link UsageRecord#read} reads them and with the
 * same checks) straight into the line's UTF-8 octets ({@link #render}): no record, no String, no StringBuilder per
 * event. It was 80 % of the files export's CPU with those (JFR, deploy/bench/sms-cpu). One thread's.
 */
public final class UsageJson {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** As {@link UsageRecord}: a longer string is a corrupt record. */
    private static final int MAX_STRING = 256;
    /** An event longer than this is a corrupt record (its six strings at most 256 octets each). */
    static final int MAX_EVENT = 4096;

    /** The document's octets as read, and where each field of the event read last is. */
    private byte[] in = new byte[8192];
    private int p;
    private int docLength;
    /** Events in the document; which one was read last (0-based), -1 before the first. */
    private int count;
    private int ordinal;
    /** Whether the document is a batch ({@link UsageRecord#VERSION_BATCH}): its events' ids carry their ordinal. */
    private boolean batch;
    private byte kind;
    private int tenantAt;
    private int tenantLength;
    private long gatewayId;
    private long millis;
    private long segments;
    private int alphabetAt;
    private int alphabetLength;
    private int dataCoding;
    private int destinationAt;
    private int destinationLength;
    private int countryAt;
    private int countryLength;
    private int carrierAt;
    private int carrierLength;
    private long messageState;
    private int callIdAt;
    private int callIdLength;
    private long seconds;
    /** The line rendered last ({@link #line()}, {@link #length()}). */
    private byte[] out = new byte[1024];
    private int n;

    /**
     * The event's id: its index in the usage journal as 16 hex digits. Stable: the journal holds each event once
     * (written exactly once, across kill -9), so an event exported twice carries the same id both times, and a
     * consumer drops repeats by it. Unique within one gateway's {@code storage.dir}.
     */
    public static String eventId(long journalIndex) {
        return MessageIds.render(journalIndex);
    }

    /**
     * The id of event {@code ordinal} (0-based) of a batch document at {@code journalIndex}: its index as 16 hex
     * digits, a dash and the ordinal as 2 (a document holds at most {@link UsageRecord#MAX_BATCH}); a single-event
     * document's ({@code ordinal} -1) is {@link #eventId(long)}.
     */
    public static String eventId(long journalIndex, int ordinal) {
        if (ordinal < 0) {
            return eventId(journalIndex);
        }
        return eventId(journalIndex) + "-" + (char) HEX[ordinal >> 4 & 0xF] + (char) HEX[ordinal & 0xF];
    }

    /**
     * Reads one usage journal document, all of {@code bytes} left to read: its events are then read one by one with
     * {@link #next}. Throws IllegalStateException on a corrupt length or count.
     */
    public void read(BytesIn<?> bytes) {
        long length = bytes.readRemaining();
        if (length > (long) MAX_EVENT * UsageRecord.MAX_BATCH) {
            throw new IllegalStateException("corrupt usage record: " + length + " octets");
        }
        if (length > in.length) {
            in = new byte[(int) Math.max(length, in.length * 2L)];
        }
        bytes.read(in, 0, (int) length);
        docLength = (int) length;
        p = 0;
        ordinal = -1;
        count = 1;
        batch = length > 0 && in[0] == UsageRecord.VERSION_BATCH;
        if (batch) {
            p = 1;
            long c = stopBit(docLength);
            if (c < 1 || c > UsageRecord.MAX_BATCH) {
                throw new IllegalStateException("corrupt usage record: a batch of " + c);
            }
            count = (int) c;
        }
    }

    /**
     * Reads the document's next event; false when it has no more. Throws IllegalStateException on a version or kind
     * it does not know or a corrupt length, as {@link UsageRecord#read} does (the rest of the document is then
     * unreadable).
     */
    public boolean next() {
        if (ordinal + 1 >= count) {
            return false;
        }
        parse(docLength);
        ordinal++;
        return true;
    }

    /** Whether the event read last is its document's last. */
    public boolean last() {
        return ordinal + 1 >= count;
    }

    /** The event read last: its place in a batch document (0-based), or -1 when its document holds it alone. */
    public int ordinal() {
        return batch ? ordinal : -1;
    }

    private void parse(int end) {
        byte v = octet(end);
        if (v != UsageRecord.VERSION && v != UsageRecord.VERSION_1) {
            throw new IllegalStateException("unknown usage record version " + v);
        }
        kind = octet(end);
        if (kind != UsageRecord.ACCEPTED && (v == UsageRecord.VERSION_1 || kind != UsageRecord.ROUTED
                && kind != UsageRecord.FINAL && kind != UsageRecord.MO && kind != UsageRecord.CALL)) {
            throw new IllegalStateException("unknown usage record kind " + kind);
        }
        tenantLength = string(end);
        tenantAt = p - tenantLength;
        longValue(end); // the source index: not exported
        gatewayId = longValue(end);
        millis = longValue(end);
        segments = stopBit(end);
        if (segments < 0 || segments > Integer.MAX_VALUE) {
            throw new IllegalStateException("corrupt usage record: segments " + segments);
        }
        alphabetLength = string(end);
        alphabetAt = p - alphabetLength;
        dataCoding = octet(end) & 0xFF;
        destinationLength = string(end);
        destinationAt = p - destinationLength;
        countryLength = string(end);
        countryAt = p - countryLength;
        if (v == UsageRecord.VERSION_1) {
            carrierLength = 0;
            messageState = -1;
            callIdLength = 0;
            seconds = 0;
            return;
        }
        carrierLength = string(end);
        carrierAt = p - carrierLength;
        messageState = stopBit(end);
        if (messageState < -1 || messageState > 0xFF) {
            throw new IllegalStateException("corrupt usage record: message_state " + messageState);
        }
        callIdLength = string(end);
        callIdAt = p - callIdLength;
        seconds = stopBit(end);
        if (seconds < 0) {
            throw new IllegalStateException("corrupt usage record: seconds " + seconds);
        }
    }

    private void need(int octets, int end) {
        if (p + octets > end) {
            throw new IllegalStateException("corrupt usage record: cut short");
        }
    }

    private byte octet(int end) {
        need(1, end);
        return in[p++];
    }

    private long longValue(int end) {
        need(8, end);
        long v = (long) LONGS.get(in, p);
        p += 8;
        return v;
    }

    /** Chronicle's stop-bit encoding: 7 bits an octet, low first; a negative as ~n, ended by 0x80 0x00. */
    private long stopBit(int end) {
        long v = 0;
        int shift = 0;
        int b = octet(end) & 0xFF;
        while (b >= 0x80) {
            if (shift > 63) {
                throw new IllegalStateException("corrupt usage record: a stop-bit number too long");
            }
            v |= (b & 0x7FL) << shift;
            shift += 7;
            b = octet(end) & 0xFF;
        }
        if (b == 0 && shift > 0) {
            return ~v;
        }
        return v | (long) b << shift;
    }

    /** A {@code write8bit} string read past; its length (its octets end at {@link #p}). */
    private int string(int end) {
        long length = stopBit(end);
        if (length < 0 || length > MAX_STRING) {
            throw new IllegalStateException("corrupt usage record: a string of " + (length < 0 ? "null" : length));
        }
        need((int) length, end);
        p += (int) length;
        return (int) length;
    }

    /** When the event read last happened (epoch ms): what its day file and its {@code time} go by. */
    public long time() {
        return millis;
    }

    /** The line rendered last, UTF-8, in its first {@link #length()} octets. */
    public byte[] line() {
        return out;
    }

    /** The length of the line rendered last. */
    public int length() {
        return n;
    }

    /** The line rendered last as a String (Kafka's value). */
    public String lineString() {
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** Renders the event read last, of the document at {@code journalIndex}, as its line (no newline); its length. */
    public int render(long journalIndex) {
        n = 0;
        room(64);
        ascii("{\"id\":\"");
        hex16(journalIndex);
        if (batch) {
            room(3);
            put('-');
            out[n++] = HEX[ordinal >> 4 & 0xF];
            out[n++] = HEX[ordinal & 0xF];
        }
        ascii("\",\"kind\":\"");
        ascii(kindName(kind));
        ascii("\",\"time\":\"");
        time(millis);
        put('"');
        string("tenant", tenantAt, tenantLength);
        switch (kind) {
            case UsageRecord.ACCEPTED -> {
                gatewayId();
                number("segments", segments);
                string("alphabet", alphabetAt, alphabetLength);
                number("dataCoding", dataCoding);
                string("destination", destinationAt, destinationLength);
                string("country", countryAt, countryLength);
            }
            case UsageRecord.ROUTED -> {
                gatewayId();
                string("carrier", carrierAt, carrierLength);
                number("segments", segments);
                string("destination", destinationAt, destinationLength);
                string("country", countryAt, countryLength);
            }
            case UsageRecord.FINAL -> {
                gatewayId();
                number("messageState", messageState);
                room(32);
                ascii(",\"stat\":\"");
                ascii(stat((int) messageState));
                put('"');
            }
            case UsageRecord.MO -> {
                number("segments", segments);
                string("alphabet", alphabetAt, alphabetLength);
                number("dataCoding", dataCoding);
                string("number", destinationAt, destinationLength);
                string("country", countryAt, countryLength);
            }
            case UsageRecord.CALL -> {
                string("callId", callIdAt, callIdLength);
                string("carrier", carrierAt, carrierLength);
                string("destination", destinationAt, destinationLength);
                string("country", countryAt, countryLength);
                number("seconds", seconds);
            }
            default -> {
                // a kind this build does not know how to render: id, kind, time and tenant say what it is
            }
        }
        room(1);
        put('}');
        return n;
    }

    /** The kind as exported. */
    static String kindName(byte kind) {
        return switch (kind) {
            case UsageRecord.ACCEPTED -> "accepted";
            case UsageRecord.ROUTED -> "routed";
            case UsageRecord.FINAL -> "final";
            case UsageRecord.MO -> "mo";
            case UsageRecord.CALL -> "call";
            default -> "kind-" + kind;
        };
    }

    /** SMPP 3.4 message_state (5.2.28) as a receipt's stat word. */
    static String stat(int messageState) {
        return switch (messageState) {
            case 1 -> "ENROUTE";
            case 2 -> "DELIVRD";
            case 3 -> "EXPIRED";
            case 4 -> "DELETED";
            case 5 -> "UNDELIV";
            case 6 -> "ACCEPTD";
            case 8 -> "REJECTD";
            default -> "UNKNOWN";
        };
    }

    private void room(int more) {
        if (n + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, n + more));
        }
    }

    private void put(char c) {
        out[n++] = (byte) c;
    }

    /** A constant of ours, ASCII; room made by the caller. */
    @SuppressWarnings("deprecation")
    private void ascii(String s) {
        room(s.length());
        s.getBytes(0, s.length(), out, n);
        n += s.length();
    }

    private void gatewayId() {
        room(32);
        ascii(",\"gatewayId\":\"");
        hex16(gatewayId);
        put('"');
    }

    private void hex16(long v) {
        room(16);
        for (int shift = 60; shift >= 0; shift -= 4) {
            out[n++] = HEX[(int) (v >>> shift) & 0xF];
        }
    }

    /** {@code ,"name":value} */
    private void number(String name, long value) {
        room(name.length() + 32);
        put(',');
        put('"');
        ascii(name);
        put('"');
        put(':');
        if (value < 0) {
            put('-');
            if (value == Long.MIN_VALUE) {
                ascii("9223372036854775808");
                return;
            }
            value = -value;
        }
        int from = n;
        do {
            out[n++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int a = from, b = n - 1; a < b; a++, b--) {
            byte t = out[a];
            out[a] = out[b];
            out[b] = t;
        }
    }

    /**
     * {@code ,"name":"value"}, the value's Latin-1 octets at {@code at} escaped as JSON wants (quotes, backslash,
     * control characters) and encoded as UTF-8 (an octet above 0x7F is two).
     */
    private void string(String name, int at, int length) {
        room(name.length() + 6 + 6 * length);
        put(',');
        put('"');
        ascii(name);
        ascii("\":\"");
        for (int k = at, end = at + length; k < end; k++) {
            int c = in[k] & 0xFF;
            if (c == '"' || c == '\\') {
                out[n++] = '\\';
                out[n++] = (byte) c;
            } else if (c < 0x20) {
                ascii("\\u00");
                out[n++] = HEX[c >> 4];
                out[n++] = HEX[c & 0xF];
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        put('"');
    }

    /** Appends {@code epochMillis} as {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'} (UTC). */
    private void time(long epochMillis) {
        room(48);
        n = time(epochMillis, out, n);
    }

    /**
     * Writes {@code epochMillis} as {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'} (UTC) into {@code to} from {@code at}, digit
     * by digit (a DateTimeFormatter costs more than the rest of the line: a BigDecimal for the fraction, a print
     * context); years outside 0-9999 by the formatter. Returns the position after it; {@code to} has room for 40.
     */
    @SuppressWarnings("deprecation")
    static int time(long epochMillis, byte[] to, int at) {
        long ms = Math.floorMod(epochMillis, 86_400_000L);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            String s = TIME.format(Instant.ofEpochMilli(epochMillis));
            s.getBytes(0, s.length(), to, at);
            return at + s.length();
        }
        at = digits2(year / 100, to, at);
        at = digits2(year % 100, to, at);
        to[at++] = '-';
        at = digits2(date.getMonthValue(), to, at);
        to[at++] = '-';
        at = digits2(date.getDayOfMonth(), to, at);
        to[at++] = 'T';
        int secs = (int) (ms / 1000);
        at = digits2(secs / 3600, to, at);
        to[at++] = ':';
        at = digits2(secs / 60 % 60, to, at);
        to[at++] = ':';
        at = digits2(secs % 60, to, at);
        to[at++] = '.';
        int milli = (int) (ms % 1000);
        to[at++] = (byte) ('0' + milli / 100);
        to[at++] = (byte) ('0' + milli / 10 % 10);
        to[at++] = (byte) ('0' + milli % 10);
        to[at++] = 'Z';
        return at;
    }

    private static int digits2(int v, byte[] to, int at) {
        to[at] = (byte) ('0' + v / 10);
        to[at + 1] = (byte) ('0' + v % 10);
        return at + 2;
    }
}
