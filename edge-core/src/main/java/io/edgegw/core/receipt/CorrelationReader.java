package io.edgegw.core.receipt;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a correlations-journal entry back by its index, to check that an index slot whose hash matched is the
 * receipt key's own correlation. The index thread's own ({@link OnDiskCorrelations}).
 */
final class CorrelationReader {
    /** Where trouble reading is reported (rate-limited by the owner). */
    interface Warnings {
        void warn(String kind, String what);
    }

    private final ChronicleQueue queue;
    private final RollCycle rollCycle;
    private final Warnings warnings;
    /**
     * One tailer per journal cycle read for verification: a tailer moved to another cycle releases its file and maps
     * the other's (half a millisecond), one that stays in its cycle moves to an entry in a few mapped reads.
     */
    private final Map<Integer, ExcerptTailer> readers = new HashMap<>();
    private final StringBuilder readKey = new StringBuilder(80);
    private Correlation verified;

    CorrelationReader(ChronicleQueue queue, Warnings warnings) {
        this.queue = queue;
        this.rollCycle = queue.rollCycle();
        this.warnings = warnings;
    }

    /** The correlation the last {@link #verify} that answered true read. */
    Correlation verified() {
        return verified;
    }

    /** Reads the journal entry at {@code journalIndex}: the correlation of {@code key}, within the retention? */
    boolean verify(long journalIndex, String key, int firstKept) {
        if (rollCycle.toCycle(journalIndex) < firstKept) {
            return false;
        }
        try {
            ExcerptTailer reader = readers.computeIfAbsent(rollCycle.toCycle(journalIndex), c -> queue.createTailer());
            if (!reader.moveToIndex(journalIndex)) {
                return false;
            }
            try (DocumentContext dc = reader.readingDocument()) {
                if (!dc.isPresent() || dc.index() != journalIndex) {
                    return false;
                }
                BytesIn<?> in = dc.wire().bytes();
                if (!CorrelationRecord.readKey(in, readKey) || !key.contentEquals(readKey)) {
                    return false;
                }
                verified = CorrelationRecord.readCorrelation(in);
                return true;
            }
        } catch (RuntimeException e) { // an index entry pointing at a cycle just deleted, or at nothing sensible
            warnings.warn("verify", "cannot read journal entry " + Long.toHexString(journalIndex) + ": " + e);
            return false;
        }
    }

    /** Closes the verification tailers of cycles before {@code cycle}. */
    void closeReaders(int cycle) {
        for (Iterator<Map.Entry<Integer, ExcerptTailer>> it = readers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, ExcerptTailer> e = it.next();
            if (e.getKey() < cycle) {
                e.getValue().close();
                it.remove();
            }
        }
    }
}
