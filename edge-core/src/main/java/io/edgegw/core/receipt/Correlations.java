package io.edgegw.core.receipt;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Carrier message id -> tenant message, journaled to a Chronicle queue and held in memory for lookups. Owned by
 * the journal thread. The map is bounded (oldest entries go first) because receipts for very old messages are
 * rare and the disk copy is the truth; at start it is rebuilt by replaying the journal.
 */
public final class Correlations implements AutoCloseable {
    private static final byte VERSION = 1;
    private final ChronicleQueue queue;
    private final Map<String, Correlation> byCarrierId;
    private ExcerptAppender appender;

    public Correlations(ChronicleQueue queue, int maxEntries) {
        this.queue = queue;
        this.byCarrierId = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Correlation> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** Replays the journal into memory and opens the appender; call on the owning thread. */
    public int open() {
        int n = 0;
        try (ExcerptTailer t = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    BytesIn<?> in = dc.wire().bytes();
                    if (in.readByte() != VERSION) {
                        continue;
                    }
                    String key = in.read8bit();
                    byCarrierId.put(key, new Correlation(in.read8bit(), in.readLong(), in.readByte()));
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
        byCarrierId.put(key, c);
    }

    /**
     * Finds the message a receipt id belongs to, trying the id as given and its hex/decimal counterpart: some
     * carriers answer submit_sm_resp in one base and write the receipt in the other.
     */
    public Correlation find(String carrierId, String receiptId) {
        String key = findKey(carrierId, receiptId);
        return key == null ? null : byCarrierId.get(key);
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
        String id = normalise(receiptId);
        String key = key(carrierId, id);
        if (byCarrierId.containsKey(key)) {
            return key;
        }
        if (id.length() <= 18 && id.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            key = key(carrierId, normalise(Long.toHexString(Long.parseLong(id))));
            if (byCarrierId.containsKey(key)) {
                return key;
            }
        }
        if (id.length() <= 16 && id.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            key = key(carrierId, normalise(Long.toUnsignedString(Long.parseUnsignedLong(id, 16))));
            if (byCarrierId.containsKey(key)) {
                return key;
            }
        }
        return null;
    }

    public int size() {
        return byCarrierId.size();
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
