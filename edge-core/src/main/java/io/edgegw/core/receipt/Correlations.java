package io.edgegw.core.receipt;

import io.edgegw.core.config.ReceiptIds;
import io.edgegw.core.queue.CycleFiles;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Carrier message id -> tenant message, journaled to a Chronicle queue and held in memory for lookups. Owned by
 * the journal thread. The map is bounded (oldest entries go first) because receipts for very old messages are
 * rare and the disk copy is the truth; at start it is rebuilt by replaying the journal.
 * <p>
 * Retention is by whole cycle of the journal queue: a cycle goes once all of it is older than the retention.
 * Housekeeping deletes its file; here its entries leave memory on the next {@link #expire()} and are skipped by the
 * replay if the file is still there, so what can be matched is the same before and after a restart.
 */
public final class Correlations implements AutoCloseable {
    private static final byte VERSION = 1;
    private final ChronicleQueue queue;
    private final long retentionMillis;
    /** Insertion order is journal order, so the eldest entries are also the oldest cycles. */
    private final Map<String, Held> byCarrierId;
    /** Each carrier's one way of matching receipt ids; immutable, so read without locks. Absent = as-is. */
    private final Map<String, ReceiptIds> receiptIds;
    private ExcerptAppender appender;

    /** A correlation and the journal cycle it was written in. */
    private record Held(Correlation correlation, int cycle) {
    }

    /** Every carrier's receipts carry its submit_sm_resp ids as they were ({@link ReceiptIds#AS_IS}). */
    public Correlations(ChronicleQueue queue, int maxEntries, long retentionMillis) {
        this(queue, maxEntries, retentionMillis, Map.of());
    }

    /**
     * @param retentionMillis correlations journaled longer ago than this are forgotten, a whole cycle at a time
     * @param receiptIds      by carrier id, how its receipt ids relate to its submit_sm_resp ids; absent = as-is
     */
    public Correlations(ChronicleQueue queue, int maxEntries, long retentionMillis, Map<String, ReceiptIds> receiptIds) {
        this.queue = queue;
        this.receiptIds = Map.copyOf(receiptIds);
        this.retentionMillis = retentionMillis;
        this.byCarrierId = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The oldest journal cycle still inside the retention. */
    private int firstCycleKept() {
        long now = queue.time().currentTimeMillis();
        return retentionMillis >= now ? Integer.MIN_VALUE : CycleFiles.cycleAt(queue, now - retentionMillis);
    }

    /** Replays the journal within the retention into memory and opens the appender; call on the owning thread. */
    public int open() {
        int n = 0;
        int firstKept = firstCycleKept();
        try (ExcerptTailer t = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    int cycle = queue.rollCycle().toCycle(dc.index());
                    BytesIn<?> in = dc.wire().bytes();
                    if (cycle < firstKept || in.readByte() != VERSION) {
                        continue;
                    }
                    String key = in.read8bit();
                    byCarrierId.put(key, new Held(new Correlation(in.read8bit(), in.readLong(), in.readByte()), cycle));
                    n++;
                }
            }
        }
        appender = queue.createAppender();
        return n;
    }

    /** Journals and remembers one correlation; the write is on disk (page cache) when this returns. */
    public void record(String carrierId, String carrierMessageId, Correlation c) {
        String key = key(carrierId, normalise(carrierMessageId));
        try (DocumentContext dc = appender.writingDocument()) {
            var out = dc.wire().bytes();
            out.writeByte(VERSION);
            out.write8bit(key);
            out.write8bit(c.tenantId());
            out.writeLong(c.gatewayId());
            out.writeByte(c.registeredDelivery());
        }
        byCarrierId.put(key, new Held(c, queue.rollCycle().toCycle(appender.lastIndexAppended())));
    }

    /**
     * Forgets the correlations of cycles past the retention; journal thread, on its tick. A key journaled again keeps
     * its first place in the order, so an expiry can stop early at it: entries then stay a little longer, never less.
     */
    public void expire() {
        int firstKept = firstCycleKept();
        Iterator<Held> eldestFirst = byCarrierId.values().iterator();
        while (eldestFirst.hasNext() && eldestFirst.next().cycle() < firstKept) {
            eldestFirst.remove();
        }
    }

    /**
     * Finds the message a receipt id belongs to, matching it the one way its carrier is configured for: as given,
     * or converted from decimal to hex or hex to decimal. Never more than one way, and only within that carrier's ids:
     * trying every base would hand one message's receipt to another (decimal 256 is hex 100), maybe another tenant's.
     */
    public Correlation find(String carrierId, String receiptId) {
        String key = findKey(carrierId, receiptId);
        return key == null ? null : byCarrierId.get(key).correlation();
    }

    /** Forgets a message whose final receipt went through (the journal keeps it; replay may bring it back). */
    public void forget(String carrierId, String receiptId) {
        String key = findKey(carrierId, receiptId);
        if (key != null) {
            byCarrierId.remove(key);
        }
    }

    private String findKey(String carrierId, String receiptId) {
        if (receiptId == null || receiptId.isBlank() || receiptId.length() > 64) {
            return null;
        }
        String id = stored(receiptIds.getOrDefault(carrierId, ReceiptIds.AS_IS), normalise(receiptId));
        if (id == null) {
            return null;
        }
        String key = key(carrierId, id);
        return byCarrierId.containsKey(key) ? key : null;
    }

    /** The submit_sm_resp id (normalised) a receipt id (normalised) stands for, or null when it cannot be one. */
    static String stored(ReceiptIds way, String id) {
        switch (way) {
            case DECIMAL_TO_HEX:
                return id.length() <= 20 && allDigits(id, 10) ? hexOfDecimal(id) : null;
            case HEX_TO_DECIMAL:
                return id.length() <= 16 && allDigits(id, 16)
                        ? Long.toUnsignedString(Long.parseUnsignedLong(id, 16)) : null;
            default:
                return id;
        }
    }

    private static String hexOfDecimal(String id) {
        try {
            return Long.toHexString(Long.parseUnsignedLong(id));
        } catch (NumberFormatException tooLarge) { // 20 digits past 2^64: no 64-bit id of any carrier
            return null;
        }
    }

    private static boolean allDigits(String id, int radix) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.digit(id.charAt(i), radix) < 0) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return byCarrierId.size();
    }

    /** The journal's cycle file the last {@link #record} went to (for {@code storage.sync: batch}); null before one. */
    public java.io.File currentFile() {
        return appender == null ? null : appender.currentFile();
    }

    private static String key(String carrierId, String id) {
        return carrierId + '|' + id;
    }

    /** Lower case, no leading zeros (kept as "0" if nothing else). */
    static String normalise(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
    }
}
