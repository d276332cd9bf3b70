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
 * holding a bounded window of messages in memory. Gateway ids rise with the inbound index (one journal thread issues
 * them and appends in that order) and carry their accepted time ({@code id >>> 20}, see MessageIds), which names the
 * cycle the message was appended in (or the next, when the append crossed the boundary); within a cycle it is a binary
 * search. Carriers mostly answer in queue order, so a second tailer reads on from the last message a search found,
 * holding the last 2,048 originals it read: a ROUTED event far behind the ACCEPTED ones (a backlog in the tenant's
 * queue, carriers slower than the tenant) costs about one record read, where a search costs Chronicle index moves.
 * <p>
 * Scheduled messages break that order: the gateway copies one into inbound when it falls due
 * ({@link QueueRecords#VERSION_MOVED}), with the id it got when accepted, long before. The search passes over such
 * copies (a probe that lands on one reads the first original after it, a bounded scan), so the originals it searches
 * stay in order; a message not found among them is looked for the same way in the tenant's scheduled queue, where the
 * originals of scheduled messages lie in id order. Usage thread only.
 */
final class InboundLookup implements AutoCloseable {
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

    /** Binary searches made so far, in both queues (a test's view of which path finds messages). */
    long searches() {
        return inbound.searches + (scheduled == null ? 0 : scheduled.searches);
    }

    /** One queue whose originals (records not {@link QueueRecords.SubmitHead#moved}) lie in gateway-id order. */
    private static final class Sorted implements AutoCloseable {
        /** Originals held ({@link #held}): more than carriers' windows reorder answers by. */
        private static final int HELD = 2048;
        /** Records {@link #readOn} reads toward an id before it searches instead. */
        private static final int ONWARD = 16_384;
        /**
         * How far ahead of the onward tailer (in the milliseconds of their ids) a message is read on to rather than
         * searched for: while ROUTED events find their message among the last ACCEPTED ones, the onward tailer stays
         * behind, and reading on through a second or more of traffic costs more than a search.
         */
        private static final long ONWARD_MILLIS = 100;
        private final ChronicleQueue queue;
        private final RollCycle rollCycle;
        /** The searching tailer: moved by index. */
        private final ExcerptTailer tailer;
        /** The onward tailer: only ever reads on, from where a search last put it. */
        private final ExcerptTailer onward;
        private final QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
        /** The last {@link #HELD} originals the onward tailer read, a ring in id order; {@link #heldCount} in all. */
        private final long[] heldIds = new long[HELD];
        private final ShortMessage[] held = new ShortMessage[HELD];
        private long heldCount;
        /** The highest id the onward tailer read; -1 before a search placed it. */
        private long highest = -1;
        /** The index of the record {@link #readId} read last. */
        private long lastRead;
        /** Whether that record was a copy of a scheduled message. */
        private boolean lastMoved;
        private long searches;

        Sorted(ChronicleQueue queue) {
            this.queue = queue;
            this.rollCycle = queue.rollCycle();
            this.tailer = queue.createTailer();
            this.onward = queue.createTailer();
        }

        /**
         * Held, else read on toward it when it lies ahead of the onward tailer, else searched for; a message found by
         * a search further on than the onward tailer moves that tailer there.
         */
        ShortMessage find(long gatewayId) {
            ShortMessage m = held(gatewayId);
            if (m != null) {
                return m;
            }
            if (highest >= 0 && gatewayId > highest && (gatewayId >>> 20) - (highest >>> 20) <= ONWARD_MILLIS) {
                m = readOn(gatewayId);
                if (m != null) {
                    return m;
                }
            }
            searches++;
            int cycle = CycleFiles.cycleAt(queue, gatewayId >>> 20);
            for (int c = cycle; c <= cycle + 1; c++) {
                long found = search(c, gatewayId);
                if (found >= 0) {
                    m = readMessage(found, gatewayId);
                    if (m != null && gatewayId > highest) {
                        placeOnward(found, gatewayId);
                    }
                    return m;
                }
            }
            return null;
        }

        /**
         * Puts the onward tailer {@link #HELD}/2 records before {@code found} (within its cycle) and reads on to it:
         * the answers around the one searched for, which come in any order, are then held.
         */
        private void placeOnward(long found, long gatewayId) {
            long seq = rollCycle.toSequenceNumber(found);
            if (!onward.moveToIndex(rollCycle.toIndex(rollCycle.toCycle(found), Math.max(0, seq - HELD / 2)))
                    && !onward.moveToIndex(found)) {
                highest = -1;
                return;
            }
            heldCount = 0;
            highest = 0;
            readOn(gatewayId);
        }

        /** The held original of {@code gatewayId}, or null: a binary search of the ring, whose ids rise. */
        private ShortMessage held(long gatewayId) {
            long lo = Math.max(0, heldCount - HELD);
            long hi = heldCount - 1;
            while (lo <= hi) {
                long mid = (lo + hi) >>> 1;
                long id = heldIds[(int) (mid & (HELD - 1))];
                if (id == gatewayId) {
                    return held[(int) (mid & (HELD - 1))];
                }
                if (id < gatewayId) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return null;
        }

        /** Holds an original read on (its id above every one held: the ring stays in order), the oldest let go. */
        private void hold(long gatewayId, ShortMessage m) {
            if (heldCount > 0 && heldIds[(int) ((heldCount - 1) & (HELD - 1))] >= gatewayId) {
                return;
            }
            int s = (int) (heldCount & (HELD - 1));
            heldIds[s] = gatewayId;
            held[s] = m;
            heldCount++;
        }

        /**
         * Reads on with the onward tailer, holding each original read, until {@code gatewayId} (returned), a larger
         * id, the queue's end or {@link #ONWARD} records (null). Carriers answer nearly in queue order, so a ROUTED
         * event far behind the ACCEPTED ones (a backlog in the tenant's queue) costs a read of one record, not an
         * index move.
         */
        private ShortMessage readOn(long gatewayId) {
            for (int records = 0; records < ONWARD; records++) {
                try (DocumentContext dc = onward.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    QueueRecords.readSubmitHead(dc.wire().bytes(), head);
                    if (head.moved) {
                        continue;
                    }
                    long id = head.gatewayId;
                    ShortMessage m = QueueRecords.readMessage(dc.wire().bytes(), head.sar);
                    highest = Math.max(highest, id);
                    hold(id, m);
                    if (id >= gatewayId) {
                        return id == gatewayId ? m : null;
                    }
                } catch (RuntimeException unreadable) {
                    // passed over: a message in it is searched for
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
                return QueueRecords.readMessage(dc.wire().bytes(), head.sar);
            } catch (RuntimeException unreadable) {
                return null;
            }
        }

        @Override
        public void close() {
            tailer.close();
            onward.close();
        }
    }
}
