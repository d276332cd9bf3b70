package io.edgegw.core.usage.export;

import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.usage.UsageRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The renderer the gateway used before it rendered from the journal's octets, kept as the tests' oracle. */
final class StringJson {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private StringJson() {
    }

    /**
     * The event's id: its index in the usage journal as 16 hex digits. Stable: the journal holds each event once
     * (written exactly once, across kill -9), so an event exported twice carries the same id both times, and a
     * consumer drops repeats by it. Unique within one gateway's {@code storage.dir}.
     */
    public static String eventId(long journalIndex) {
        return MessageIds.render(journalIndex);
    }

    /** When the event happened (epoch ms): what its day file and its {@code time} go by. */
    public static long time(UsageRecord r) {
        return switch (r.kind()) {
            case UsageRecord.ACCEPTED -> r.acceptedMillis();
            default -> r.acceptedMillis();
        };
    }

    /** The kind as exported. */
    public static String kind(UsageRecord r) {
        return switch (r.kind()) {
            case UsageRecord.ACCEPTED -> "accepted";
            case UsageRecord.ROUTED -> "routed";
            case UsageRecord.FINAL -> "final";
            case UsageRecord.MO -> "mo";
            case UsageRecord.CALL -> "call";
            default -> "kind-" + r.kind();
        };
    }

    /** Appends the event's line, without a newline, to {@code out}. */
    public static void render(long journalIndex, UsageRecord r, StringBuilder out) {
        out.append("{\"id\":\"");
        hex16(journalIndex, out);
        out.append("\",\"kind\":\"").append(kind(r)).append("\",\"time\":\"");
        time(time(r), out);
        out.append('"');
        string(out, "tenant", r.tenantId());
        switch (r.kind()) {
            case UsageRecord.ACCEPTED -> {
                gatewayId(r, out);
                out.append(",\"segments\":").append(r.segments());
                string(out, "alphabet", r.alphabet());
                out.append(",\"dataCoding\":").append(r.dataCoding());
                string(out, "destination", r.destination());
                string(out, "country", r.country());
            }
            case UsageRecord.ROUTED -> {
                gatewayId(r, out);
                string(out, "carrier", r.carrierId());
                out.append(",\"segments\":").append(r.segments());
                string(out, "destination", r.destination());
                string(out, "country", r.country());
            }
            case UsageRecord.FINAL -> {
                gatewayId(r, out);
                out.append(",\"messageState\":").append(r.messageState());
                string(out, "stat", stat(r.messageState()));
            }
            case UsageRecord.MO -> {
                out.append(",\"segments\":").append(r.segments());
                string(out, "alphabet", r.alphabet());
                out.append(",\"dataCoding\":").append(r.dataCoding());
                string(out, "number", r.destination());
                string(out, "country", r.country());
            }
            case UsageRecord.CALL -> {
                string(out, "callId", r.callId());
                string(out, "carrier", r.carrierId());
                string(out, "destination", r.destination());
                string(out, "country", r.country());
                out.append(",\"seconds\":").append(r.seconds());
            }
            default -> {
                // a kind this build does not know how to render: id, kind, time and tenant say what it is
            }
        }
        out.append('}');
    }

    /** The line as a String (Kafka's value). */
    public static String render(long journalIndex, UsageRecord r) {
        StringBuilder b = new StringBuilder(256);
        render(journalIndex, r, b);
        return b.toString();
    }

    /**
     * Appends {@code epochMillis} as {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'} (UTC) digit by digit: a DateTimeFormatter
     * costs more than the rest of the line (a BigDecimal for the fraction, a print context); years outside 0-9999 by
     * the formatter.
     */
    static void time(long epochMillis, StringBuilder out) {
        long ms = Math.floorMod(epochMillis, 86_400_000L);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            TIME.formatTo(Instant.ofEpochMilli(epochMillis), out);
            return;
        }
        digits2(year / 100, out);
        digits2(year % 100, out);
        out.append('-');
        digits2(date.getMonthValue(), out);
        out.append('-');
        digits2(date.getDayOfMonth(), out);
        out.append('T');
        int secs = (int) (ms / 1000);
        digits2(secs / 3600, out);
        out.append(':');
        digits2(secs / 60 % 60, out);
        out.append(':');
        digits2(secs % 60, out);
        out.append('.');
        int milli = (int) (ms % 1000);
        out.append((char) ('0' + milli / 100)).append((char) ('0' + milli / 10 % 10)).append((char) ('0' + milli % 10));
        out.append('Z');
    }

    private static void digits2(int v, StringBuilder out) {
        out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void gatewayId(UsageRecord r, StringBuilder out) {
        out.append(",\"gatewayId\":\"");
        hex16(r.gatewayId(), out);
        out.append('"');
    }

    /** The stat word: the same table as the renderer's (the oracle checks the line around it). */
    static String stat(int messageState) {
        return UsageJson.stat(messageState);
    }

    /** Whether {@code value} goes into a JSON string as it is (no quote, backslash or control character). */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return false;
            }
        }
        return true;
    }

    private static void hex16(long v, StringBuilder out) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.append(HEX[(int) (v >>> shift) & 0xF]);
        }
    }

    /** {@code ,"name":"value"} with the value escaped as JSON wants (quotes, backslash, control characters). */
    private static void string(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":\"");
        if (plain(value)) { // nearly always: ids, digits, alphabet names
            out.append(value).append('"');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
