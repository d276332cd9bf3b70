package io.edgegw.core.receipt;

import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.StringCache;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * One correlation as the journal holds it: a version byte, the key ({@code carrierId|normalised id}, 8-bit), the
 * tenant id (8-bit), the gateway id and the tenant's registered_delivery; for one part of a message sent split, then
 * the parts and the part (an octet each: a record of version 1 still, since a reader that does not know them stops
 * before them and reads the part as the whole message, at worst a receipt per part). Written by the journal thread,
 * read by the index thread, and by the usage reader ({@link #read}) for its ROUTED events: each entry is a carrier's
 * submit_sm_resp OK.
 */
public final class CorrelationRecord {
    static final byte VERSION = 1;

    private CorrelationRecord() {
    }

    static void write(BytesOut<?> out, String key, Correlation c) {
        out.writeByte(VERSION);
        out.write8bit(key);
        out.write8bit(c.tenantId());
        out.writeLong(c.gatewayId());
        out.writeByte(c.registeredDelivery());
        if (c.parts() > 1) {
            out.writeUnsignedByte(c.parts());
            out.writeUnsignedByte(c.part());
        }
    }

    /** Reads the key into {@code key}; false for a record of another version (its key is then not read). */
    static boolean readKey(BytesIn<?> in, StringBuilder key) {
        if (in.readByte() != VERSION) {
            return false;
        }
        return in.read8bit(key);
    }

    /** One entry as the usage reader wants it: which carrier accepted which tenant message. */
    public record Entry(String carrierId, Correlation correlation) {
    }

    /** Reads one whole entry; null for a record of another version. */
    public static Entry read(BytesIn<?> in) {
        return read(in, new StringCache(1));
    }

    /**
     * Reads one whole entry, for a reader that meets the same carriers and tenants again and again: their ids from
     * {@code strings}, the key's message id part skipped, not read into a string; null for a record of another
     * version.
     */
    public static Entry read(BytesIn<?> in, StringCache strings) {
        if (in.readByte() != VERSION) {
            return null;
        }
        long length = in.readStopBit();
        if (length < 0 || length > in.readRemaining()) {
            throw new IllegalStateException("corrupt correlation: key length " + length);
        }
        long at = in.readPosition();
        int bar = -1; // carrier ids are [A-Za-z0-9_.-]: the first '|' ends one
        for (int k = 0; k < length; k++) {
            if (in.peekUnsignedByte(at + k) == '|') {
                bar = k;
                break;
            }
        }
        if (bar < 0) {
            throw new IllegalStateException("corrupt correlation: key without '|'");
        }
        String carrierId = strings.read(in, bar);
        in.readSkip(length - bar);
        String tenantId = QueueRecords.readString(in, strings);
        if (tenantId == null) {
            throw new IllegalStateException("corrupt correlation: no tenant");
        }
        return new Entry(carrierId, rest(tenantId, in));
    }

    /** The rest of a record whose key was just read. */
    static Correlation readCorrelation(BytesIn<?> in) {
        return rest(in.read8bit(), in);
    }

    /** The rest of a record after its tenant id. */
    private static Correlation rest(String tenantId, BytesIn<?> in) {
        long gatewayId = in.readLong();
        byte registeredDelivery = in.readByte();
        if (in.readRemaining() >= 2) {
            int parts = in.readUnsignedByte();
            int part = in.readUnsignedByte();
            if (parts > 1 && part >= 1 && part <= parts) {
                return new Correlation(tenantId, gatewayId, registeredDelivery, parts, part);
            }
        }
        return new Correlation(tenantId, gatewayId, registeredDelivery);
    }
}
