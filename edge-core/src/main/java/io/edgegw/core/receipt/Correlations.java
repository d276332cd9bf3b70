package io.edgegw.core.receipt;

import io.edgegw.core.config.ReceiptIds;
import io.edgegw.core.queue.CycleFiles;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Carrier message id -> tenant message, journaled to a Chronicle queue (the truth) and the most recent held in
 * memory. Owned by the journal thread. The memory is bounded (oldest entries go first); a receipt whose correlation
 * is not there is looked up in the on-disk index ({@link OnDiskCorrelations}), so nothing is replayed at start.
 * <p>
 * Retention is by whole cycle of the journal queue: a cycle goes once all of it is older than the retention.
 * Housekeeping deletes its file and the index its index files; here its entries leave memory on the next
 * {@link #expire()} and are not matched even before that, so what can be matched is the same from memory and disk.
 */
public final class Correlations implements AutoCloseable {
    private final ChronicleQueue queue;
    private final long retentionMillis;
    /** Insertion order is journal order, so the eldest entries are also the oldest cycles. */
    private final Map<String, Held> byKey;
    /** Each carrier's one way of matching receipt ids; immutable, so read without locks. Absent = as-is. */
    private final Map<String, ReceiptIds> receiptIds;
    private ExcerptAppender appender;
    private int firstKept = Integer.MIN_VALUE;

    /** A correlation and the journal cycle it was written in. */
    private record Held(Correlation correlation, int cycle) {
    }

    /** Every carrier's receipts carry its submit_sm_resp ids as they were ({@link ReceiptIds#AS_IS}). */
    public Correlations(ChronicleQueue queue, int maxEntries, long retentionMillis) {
        this(queue, maxEntries, retentionMillis, Map.of());
    }

    /**
     * @param maxEntries      at most this many held in memory, the most recent
     * @param retentionMillis correlations journaled longer ago than this are forgotten, a whole cycle at a time
     * @param receiptIds      by carrier id, how its receipt ids relate to its submit_sm_resp ids; absent = as-is
     */
    public Correlations(ChronicleQueue queue, int maxEntries, long retentionMillis, Map<String, ReceiptIds> receiptIds) {
        this.queue = queue;
        this.receiptIds = Map.copyOf(receiptIds);
        this.retentionMillis = retentionMillis;
        this.byKey = new LinkedHashMap<>(1024, 0.75f, false) {
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

    /** Opens the appender; call on the owning thread. Reads nothing: the journal's past is found through the index. */
    public void open() {
        appender = queue.createAppender();
        firstKept = firstCycleKept();
    }

    /** Journals and remembers one correlation; the write is on disk (page cache) when this returns. */
    public void record(String carrierId, String carrierMessageId, Correlation c) {
        String key = key(carrierId, normalise(carrierMessageId));
        try (DocumentContext dc = appender.writingDocument()) {
            CorrelationRecord.write(dc.wire().bytes(), key, c);
        }
        byKey.put(key, new Held(c, queue.rollCycle().toCycle(appender.lastIndexAppended())));
    }

    /**
     * Forgets the correlations of cycles past the retention; journal thread, on its tick. A key journaled again keeps
     * its first place in the order, so an expiry can stop early at it: entries then stay a little longer in memory,
     * but are no longer matched ({@link #cached}).
     */
    public void expire() {
        firstKept = firstCycleKept();
        Iterator<Held> eldestFirst = byKey.values().iterator();
        while (eldestFirst.hasNext() && eldestFirst.next().cycle() < firstKept) {
            eldestFirst.remove();
        }
    }

    /**
     * The key a receipt id is looked up by, matching it the one way its carrier is configured for: as given, or
     * converted from decimal to hex or hex to decimal; null when it cannot be one of that carrier's ids. Never more
     * than one way, and only within that carrier's ids: trying every base would hand one message's receipt to another
     * (decimal 256 is hex 100), maybe another tenant's.
     */
    public String keyOf(String carrierId, String receiptId) {
        if (receiptId == null || receiptId.isBlank() || receiptId.length() > 64) {
            return null;
        }
        String id = stored(receiptIds.getOrDefault(carrierId, ReceiptIds.AS_IS), normalise(receiptId));
        return id == null ? null : key(carrierId, id);
    }

    /** The correlation held in memory for a key, within the retention; null when not held. */
    public Correlation cached(String key) {
        Held h = byKey.get(key);
        return h == null || h.cycle() < firstKept ? null : h.correlation();
    }

    /** Holds a correlation found on disk at {@code journalIndex}, for the receipts that may follow its first. */
    public void remember(String key, Correlation c, long journalIndex) {
        byKey.put(key, new Held(c, queue.rollCycle().toCycle(journalIndex)));
    }

    /** The message a receipt id belongs to, if held in memory (see {@link #keyOf}). */
    public Correlation find(String carrierId, String receiptId) {
        String key = keyOf(carrierId, receiptId);
        return key == null ? null : cached(key);
    }

    /** Forgets a message whose final receipt went through (the journal keeps it; the index still finds it). */
    public void forget(String key) {
        byKey.remove(key);
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

    /** Correlations held in memory; read by a gauge from any thread (a stale value is fine). */
    public int size() {
        return byKey.size();
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
        if (isNormal(id)) {
            return id; // the common case, a carrier's id as it always writes it: no copy
        }
        String s = id.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** ASCII with no upper case, nothing to trim and no leading zero: {@link #normalise} would change nothing. */
    private static boolean isNormal(String id) {
        int n = id.length();
        if (n == 0 || (n > 1 && id.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c >= 0x7F || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
    }
}
