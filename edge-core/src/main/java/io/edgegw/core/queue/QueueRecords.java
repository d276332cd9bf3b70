package io.edgegw.core.queue;

import io.edgegw.core.message.ShortMessage;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;

import java.nio.charset.StandardCharsets;

/**
 * Compact binary layout of what the gateway keeps on disk, written field by field with Chronicle Bytes
 * (no Java serialization, no self-describing wire: these queues are ours and versioned by {@link #VERSION}).
 */
public final class QueueRecords {
    /** First byte of every record, so a future layout can be told apart from this one. */
    public static final byte VERSION = 1;
    /**
     * First byte of a submit with a validity of its own: the same layout with its end (epoch ms) after the accepted
     * time. Submits without one keep {@link #VERSION}, which any earlier gateway reads.
     */
    public static final byte VERSION_VALID_UNTIL = 2;
    /**
     * First byte of a submit with a schedule_delivery_time: after the accepted time, its validity end (0 = none) and
     * its due time (epoch ms). Only scheduled submits are written so; the others keep {@link #VERSION} or
     * {@link #VERSION_VALID_UNTIL}, which an earlier gateway reads.
     */
    public static final byte VERSION_SCHEDULED = 3;
    /**
     * First byte of a scheduled submit copied by the gateway itself: moved from the tenant's scheduled queue into its
     * inbound queue once due, or appended again to the scheduled queue's tail (see dispatch.ScheduledLane). The layout
     * of {@link #VERSION_SCHEDULED}; the mark tells the usage reader the message was counted when it was accepted.
     */
    public static final byte VERSION_MOVED = 4;
    /**
     * First byte of a submit that is one SAR part: after the accepted time, its validity end (0 = none), its due time
     * (0 = none) and its SAR values ({@link ShortMessage#sar()}, an int). Only SAR parts are written so, the others
     * keep an earlier version, which an earlier gateway reads.
     */
    public static final byte VERSION_SAR = 5;
    /** A SAR part copied by the gateway ({@link #VERSION_MOVED}): the layout of {@link #VERSION_SAR}. */
    public static final byte VERSION_MOVED_SAR = 6;
    /** Upper bound on a stored payload; the connector bounds PDUs well below this. */
    public static final int MAX_PAYLOAD = 64 * 1024;

    private QueueRecords() {
    }

    /** Inbound (tenant submit): gateway id, accepted-at millis, message. */
    public static void writeSubmit(BytesOut<?> out, long gatewayId, long acceptedMillis, ShortMessage m) {
        writeSubmit(out, gatewayId, acceptedMillis, 0, m);
    }

    /** Inbound, with the message's validity end (epoch ms) when it has one (0 = none); see {@link #readSubmit}. */
    public static void writeSubmit(BytesOut<?> out, long gatewayId, long acceptedMillis, long validUntilMillis,
                                   ShortMessage m) {
        writeSubmit(out, gatewayId, acceptedMillis, validUntilMillis, 0, m);
    }

    /** Inbound, with its validity end and its due time (epoch ms; 0 = none, send at once). */
    public static void writeSubmit(BytesOut<?> out, long gatewayId, long acceptedMillis, long validUntilMillis,
                                   long dueMillis, ShortMessage m) {
        boolean sar = m.hasSar();
        out.writeByte(sar ? VERSION_SAR : dueMillis != 0 ? VERSION_SCHEDULED
                : validUntilMillis == 0 ? VERSION : VERSION_VALID_UNTIL);
        out.writeLong(gatewayId);
        out.writeLong(acceptedMillis);
        if (validUntilMillis != 0 || dueMillis != 0 || sar) {
            out.writeLong(validUntilMillis);
        }
        if (dueMillis != 0 || sar) {
            out.writeLong(dueMillis);
        }
        if (sar) {
            out.writeInt(m.sar());
        }
        writeMessage(out, m);
    }

    /**
     * A scheduled submit the gateway copies ({@link #VERSION_MOVED}, or {@link #VERSION_MOVED_SAR} for a SAR part):
     * its fields as accepted.
     */
    public static void writeMoved(BytesOut<?> out, long gatewayId, long acceptedMillis, long validUntilMillis,
                                  long dueMillis, ShortMessage m) {
        out.writeByte(m.hasSar() ? VERSION_MOVED_SAR : VERSION_MOVED);
        out.writeLong(gatewayId);
        out.writeLong(acceptedMillis);
        out.writeLong(validUntilMillis);
        out.writeLong(dueMillis);
        if (m.hasSar()) {
            out.writeInt(m.sar());
        }
        writeMessage(out, m);
    }

    /**
     * Reads a submit record's first byte: {@link #VERSION} (gateway id, accepted time, message follow) or
     * {@link #VERSION_VALID_UNTIL} (the validity end follows the accepted time) or {@link #VERSION_SCHEDULED} (the
     * validity end and the due time follow it) or {@link #VERSION_MOVED} (as scheduled, copied by the gateway) or
     * {@link #VERSION_SAR} (the validity end, the due time and the SAR values follow it) or {@link #VERSION_MOVED_SAR}
     * (as SAR, copied by the gateway).
     */
    public static byte checkSubmitVersion(BytesIn<?> in) {
        byte v = in.readByte();
        if (v < VERSION || v > VERSION_MOVED_SAR) {
            throw new IllegalStateException("unknown submit record version " + v);
        }
        return v;
    }

    /** The fixed fields ahead of a submit record's message, as {@link #readSubmitHead} reads them (reusable). */
    public static final class SubmitHead {
        public long gatewayId;
        public long acceptedMillis;
        /** the validity end (epoch ms), 0 for none */
        public long validUntilMillis;
        /** the due time of a scheduled submit (epoch ms), 0 for none */
        public long dueMillis;
        /** a copy the gateway made of a scheduled submit ({@link #VERSION_MOVED}), not a tenant's acceptance */
        public boolean moved;
        /** the SAR values of a part ({@link ShortMessage#sar()}), 0 for none: hand them to {@link #readMessage(BytesIn, int)} */
        public int sar;
    }

    /**
     * Reads a submit record up to its message (which {@link #readMessage} reads next), whatever its version: the one
     * place a new submit version must be taught to readers that only want the head and the message.
     */
    public static void readSubmitHead(BytesIn<?> in, SubmitHead into) {
        byte v = checkSubmitVersion(in);
        into.gatewayId = in.readLong();
        into.acceptedMillis = in.readLong();
        into.validUntilMillis = v != VERSION ? in.readLong() : 0;
        into.dueMillis = v >= VERSION_SCHEDULED ? in.readLong() : 0;
        into.moved = v == VERSION_MOVED || v == VERSION_MOVED_SAR;
        into.sar = v >= VERSION_SAR ? in.readInt() : 0;
    }

    /** Outbound (toward the tenant): receipted gateway id or null for MO, message_state, message. */
    public static void writeDelivery(BytesOut<?> out, String receiptedMessageId, int messageState, ShortMessage m) {
        out.writeByte(VERSION);
        out.write8bit(receiptedMessageId);
        out.writeInt(messageState);
        writeMessage(out, m);
    }

    public static void writeMessage(BytesOut<?> out, ShortMessage m) {
        out.writeByte(m.sourceTon());
        out.writeByte(m.sourceNpi());
        out.write8bit(m.sourceAddr());
        out.writeByte(m.destTon());
        out.writeByte(m.destNpi());
        out.write8bit(m.destAddr());
        out.writeByte(m.esmClass());
        out.writeByte(m.protocolId());
        out.writeByte(m.priorityFlag());
        out.writeByte(m.registeredDelivery());
        out.writeByte(m.dataCoding());
        byte[] p = m.payload() == null ? new byte[0] : m.payload();
        int len = Math.min(p.length, MAX_PAYLOAD);
        out.writeStopBit(len);
        out.write(p, 0, len);
    }

    public static ShortMessage readMessage(BytesIn<?> in) {
        return readMessage(in, 0);
    }

    /** A message whose SAR values ({@link SubmitHead#sar}) were read ahead of it, in the submit's head. */
    public static ShortMessage readMessage(BytesIn<?> in, int sar) {
        byte sTon = in.readByte();
        byte sNpi = in.readByte();
        String src = readString(in);
        byte dTon = in.readByte();
        byte dNpi = in.readByte();
        String dst = readString(in);
        byte esm = in.readByte();
        byte pid = in.readByte();
        byte prio = in.readByte();
        byte rd = in.readByte();
        byte dc = in.readByte();
        int len = (int) in.readStopBit();
        if (len < 0 || len > MAX_PAYLOAD) {
            throw new IllegalStateException("corrupt record: payload length " + len);
        }
        byte[] payload = new byte[len];
        in.read(payload);
        return new ShortMessage(sTon, sNpi, src, dTon, dNpi, dst, esm, pid, prio, rd, dc, payload, sar);
    }

    /**
     * A string written with {@code write8bit}, or null: as {@code read8bit()} reads it, but a plain new String (Chronicle's
     * interns every one in a shared table, which costs more than the string for ids and numbers seen once).
     */
    public static String readString(BytesIn<?> in) {
        long length = in.readStopBit();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.readRemaining()) {
            throw new IllegalStateException("corrupt record: string length " + length);
        }
        byte[] octets = new byte[(int) length];
        in.read(octets);
        return new String(octets, StandardCharsets.ISO_8859_1);
    }

    /** As {@link #readString(BytesIn)}, handing out the string {@code cache} keeps when the octets match. */
    public static String readString(BytesIn<?> in, StringCache cache) {
        long length = in.readStopBit();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.readRemaining()) {
            throw new IllegalStateException("corrupt record: string length " + length);
        }
        return cache.read(in, (int) length);
    }

    public static void checkVersion(BytesIn<?> in) {
        byte v = in.readByte();
        if (v != VERSION) {
            throw new IllegalStateException("unknown record version " + v);
        }
    }
}
