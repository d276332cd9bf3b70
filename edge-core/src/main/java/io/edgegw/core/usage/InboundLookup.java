package io.edgegw.core.usage;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.queue.CycleFiles;
import io.edgegw.core.queue.QueueRecords;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Finds a tenant's accepted message in its inbound queue by gateway id, for a ROUTED event's segments and destination,
 * holding nothing per message in memory. Gateway ids rise with the inbound index (one journal thread issues them and
 * appends in that order) and carry their accepted time ({@code id >>> 20}, see MessageIds), which names the cycle
 * the message was appended in (or the next, when the append crossed the boundary); within a cycle it is a binary
 * search. Carriers mostly answer in queue order, so the few records after the last one found are read on first,
 * from where the tailer stands.
 * <p>
 * Scheduled messages break that order: the gateway copies one into inbound when it falls due
 * ({@link QueueRecords#VERSION_MOVED}), with the id it got when accepted, long before. The search passes over such
 * copies (a probe that lands on one reads the first original after it, a bounded scan), so the originals it searches
 * stay in order; a message not found among them is looked for the same way in the tenant's scheduled queue, where the
 * originals of scheduled messages lie in id order. Usage thread only.
 */
final class InboundLookup implements AutoCloseable {
    /** Records after the last one found that are read before searching. */
    private static final int NEAR = 64;
    /** Copies of scheduled messages a probe reads past before it gives up on finding an original after them. */
    private static final int MAX_COPIES_SKIPPED = 4096;
    private final Sorted inbound;
    /** The tenant's scheduled queue, searched when the inbound one has no original of the id; may be null. */
    private final Sorted scheduled;

    InboundLookup(ChronicleQueue inbound) {
        this(inbound, null);
    }

    InboundLookup(ChronicleQueue inbound, ChronicleQueue scheduled) {
        this.inbound = new Sorted(inbound);
        this.scheduled = scheduled == null ? null : new Sorted(scheduled);
    }

    /** The message accepted with {@code gatewayId}, or null when it is not (or no longer) in either queue. */
    ShortMessage find(long gatewayId) {
        ShortMessage m = inbound.find(gatewayId);
        return m != null || scheduled == null ? m : scheduled.find(gatewayId);
    }

    @Override
    public void close() {
        inbound.close();
        if (scheduled != null) {
            scheduled.close();
        }
    }

    /** One queue whose originals (records not {@link QueueRecords.SubmitHead#moved}) lie in gateway-id order. */
    private static final class Sorted implements AutoCloseable {
        private final ChronicleQueue queue;
        private final RollCycle rollCycle;
        private final ExcerptTailer tailer;
        private final QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
        private long lastFound;
        /** The index of the record {@link #readId} read last. */
        private long lastRead;
        /** Whether that record was a copy of a scheduled message. */
        private boolean lastMoved;

        Sorted(ChronicleQueue queue) {
            this.queue = queue;
            this.rollCycle = queue.rollCycle();
            this.tailer = queue.createTailer();
        }

        ShortMessage find(long gatewayId) {
            if (lastFound != 0) {
                ShortMessage m = ahead(gatewayId);
                if (m != null) {
                    return m;
                }
            }
            int cycle = CycleFiles.cycleAt(queue, gatewayId >>> 20);
            for (int c = cycle; c <= cycle + 1; c++) {
                long found = search(c, gatewayId);
                if (found >= 0) {
                    return readMessage(found, gatewayId);
                }
            }
            return null;
        }

        /**
         * The message among the next {@link #NEAR} originals from where the tailer stands (after the last one found,
         * or before the first larger id seen), read on without moving the tailer by index (a Chronicle index scan);
         * null when not there. A larger id is left to be read again.
         */
        private ShortMessage ahead(long gatewayId) {
            for (int originals = 0, records = 0; originals <= NEAR && records <= NEAR + MAX_COPIES_SKIPPED;
                 records++) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    QueueRecords.readSubmitHead(dc.wire().bytes(), head);
                    if (head.moved) {
                        continue;
                    }
                    originals++;
                    if (head.gatewayId == gatewayId) {
                        lastFound = dc.index();
                        return QueueRecords.readMessage(dc.wire().bytes(), head.sar);
                    }
                    if (head.gatewayId > gatewayId) {
                        dc.rollbackOnClose();
                        return null;
                    }
                } catch (RuntimeException unreadable) {
                    return null;
                }
            }
            return null;
        }

        /**
         * The index of {@code gatewayId}'s original in cycle {@code cycle}, or -1: doubling to an upper bound, then
         * halving, over f(p) = the id of the first original at or after sequence p, which rises with p.
         */
        private long search(int cycle, long gatewayId) {
            long below = -1; // a sequence whose id is smaller, or -1
            long above; // a sequence whose id is larger, or absent
            long probe = 0;
            while (true) {
                long id = originalId(cycle, probe);
                if (id == gatewayId) {
                    return lastRead;
                }
                if (id < 0 || id > gatewayId) {
                    above = probe;
                    break;
                }
                below = probe;
                probe = probe == 0 ? 1 : probe << 1;
                if (probe >= rollCycle.maxMessagesPerCycle()) {
                    above = rollCycle.maxMessagesPerCycle();
                    break;
                }
            }
            while (above - below > 1) {
                long mid = (below + above) >>> 1;
                long id = originalId(cycle, mid);
                if (id == gatewayId) {
                    return lastRead;
                }
                if (id < 0 || id > gatewayId) {
                    above = mid;
                } else {
                    below = mid;
                }
            }
            return -1;
        }

        /**
         * The id of the first original at or after sequence {@code seq} of {@code cycle} (its index in
         * {@link #lastRead}); -1 when there is none within {@link #MAX_COPIES_SKIPPED} copies, or it cannot be read.
         */
        private long originalId(int cycle, long seq) {
            long id = readId(rollCycle.toIndex(cycle, seq));
            for (int skipped = 0; id >= 0 && lastMoved && skipped < MAX_COPIES_SKIPPED; skipped++) {
                id = readId(-1);
                if (id >= 0 && rollCycle.toCycle(lastRead) != cycle) {
                    return -1; // past the cycle's end: no original after seq in it
                }
            }
            return lastMoved ? -1 : id;
        }

        /**
         * The gateway id of the record at {@code index} (-1: the one the tailer is at), its index in {@link #lastRead}
         * and whether it is a copy in {@link #lastMoved}; -1 when there is none or it cannot be read.
         */
        private long readId(long index) {
            if (index >= 0 && !tailer.moveToIndex(index)) {
                return -1;
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return -1;
                }
                lastRead = dc.index();
                QueueRecords.readSubmitHead(dc.wire().bytes(), head);
                lastMoved = head.moved;
                return head.gatewayId;
            } catch (RuntimeException unreadable) {
                return -1;
            }
        }

        private ShortMessage readMessage(long index, long gatewayId) {
            if (!tailer.moveToIndex(index)) {
                return null;
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                QueueRecords.readSubmitHead(dc.wire().bytes(), head);
                if (head.gatewayId != gatewayId) {
                    return null;
                }
                lastFound = index;
                return QueueRecords.readMessage(dc.wire().bytes(), head.sar);
            } catch (RuntimeException unreadable) {
                return null;
            }
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
