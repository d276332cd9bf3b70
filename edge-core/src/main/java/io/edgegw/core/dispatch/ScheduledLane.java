package io.edgegw.core.dispatch;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.pipeline.JournalFeed;
import io.edgegw.core.queue.MovedMarks;
import io.edgegw.core.queue.QueueCursor;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.TenantQueues;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mover of one tenant's scheduled queue, on the dispatcher thread: it reads the queue from its committed position
 * ({@code scheduled.committed}) and hands each record the journal, once due, to be copied into the tenant's inbound
 * queue, where the dispatcher reads it like any other message. A record is completed (the committed position passes
 * it, housekeeping may delete its file) only once its copy is on disk; a record moved beyond the committed position
 * is marked in {@link MovedMarks} then, so neither a restart nor a kill -9 loses it, and at worst (a kill between the
 * copy and its mark) it is copied twice.
 * <p>
 * What it holds is bounded whatever the number of scheduled messages: the head (queue index, gateway id, due time)
 * of at most {@link #SPAN} records past the committed position, and the earliest due time among them. A far-future
 * record holds the committed position back but not the records behind it, which are read and moved past it. Only
 * when {@link #SPAN} records wait past the committed position are the later ones unread; then, once a second, up to
 * {@link #LOOK_BEYOND} of them are looked at, and if one is due the oldest waiting records are copied to the queue's
 * tail (done, like a move, once the copy is on disk), so the committed position passes them and the due one is read.
 * Dispatcher thread only.
 */
final class ScheduledLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledLane.class);
    /** Most records tracked past the committed position. */
    static final int SPAN = 4096;
    /** Most copies handed to the journal per round. */
    static final int MAX_PER_ROUND = 512;
    /** Records past a full span looked at per look, and how often. */
    static final int LOOK_BEYOND = 65_536;
    static final long LOOK_BEYOND_EVERY_MILLIS = 1_000;
    /** Waiting records copied to the tail per look that found a due record beyond the span. */
    static final int COMPACT = SPAN / 4;
    private static final byte WAITING = 0;
    private static final byte COPYING = 1;
    private static final byte DONE = 2;
    private static final int MASK = SPAN - 1;

    private final TenantQueues queues;
    private final JournalFeed journal;
    private final QueueCursor cursor;
    private final MovedMarks marks;
    private final OncePerMinute warnings;
    private final long[] index = new long[SPAN];
    private final long[] gatewayId = new long[SPAN];
    private final long[] due = new long[SPAN];
    private final byte[] state = new byte[SPAN];
    /** Tickets from {@link #low} (the oldest not done) to {@link #next} (exclusive) are tracked. */
    private long low;
    private long next;
    /** Earliest due time among the waiting records tracked; Long.MAX_VALUE when none waits. */
    private long earliestDue = Long.MAX_VALUE;
    /** Copies handed to the journal and not yet reported. */
    private int copying;
    private long lastLookBeyond = Long.MIN_VALUE / 2;
    private ExcerptTailer reader;
    /** Filled by the decoder: the record just read is already moved (its mark is there). */
    private boolean readMoved;
    /** A copy failed (a journal error): moves wait until then (epoch ms), so a failing disk is not hammered. */
    private boolean failed;
    private long pausedUntil;

    private final QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
    private final QueueCursor.Decoder<Boolean> headDecoder = this::readHead;

    ScheduledLane(TenantQueues queues, JournalFeed journal, OncePerMinute warnings) {
        this.queues = queues;
        this.journal = journal;
        this.warnings = warnings;
        this.marks = new MovedMarks(queues.scheduledMovedFile());
        // a record moved before the restart is no longer waiting: the depth at start leaves it out (it is read and
        // completed in the first round, on the dispatcher thread, which may come after the gauge or the quota is read)
        QueueRecords.SubmitHead startHead = new QueueRecords.SubmitHead();
        this.cursor = new QueueCursor(queues.scheduled(), queues.scheduledPositionFile(), SPAN,
                queues.scheduledDepth(), (recordIndex, in) -> {
                    QueueRecords.readSubmitHead(in, startHead);
                    return marks.isMoved(recordIndex, startHead.gatewayId);
                });
    }

    /** The cursor's decoder: keeps a record's head; an unreadable one stays DONE (the cursor completes it). */
    private Boolean readHead(BytesIn<?> in, long ticket) {
        int at = (int) (ticket & MASK);
        state[at] = DONE;
        next = ticket + 1;
        QueueRecords.SubmitHead h = head;
        QueueRecords.readSubmitHead(in, h);
        index[at] = cursor.readIndex();
        gatewayId[at] = h.gatewayId;
        due[at] = h.dueMillis;
        state[at] = WAITING;
        readMoved = marks.isMoved(index[at], h.gatewayId);
        return Boolean.TRUE;
    }

    String tenantId() {
        return queues.tenantId();
    }

    void open() {
        cursor.open();
        reader = queues.scheduled().createTailer();
    }

    /** Copies handed to the journal not yet reported back. */
    int copying() {
        return copying;
    }

    /**
     * Reads what was appended, hands the journal what is due (and, when the span is full and a record beyond it is
     * due, the oldest waiting records to append again); returns the copies handed over.
     */
    int round(long nowMillis) {
        boolean dueNow = false;
        while (cursor.next(headDecoder) != null) {
            long t = next - 1;
            if (readMoved) { // moved before a restart: done
                done(t);
                continue;
            }
            long d = due[(int) (t & MASK)];
            earliestDue = Math.min(earliestDue, d);
            dueNow |= d - nowMillis <= 0;
        }
        while (low < next && state[(int) (low & MASK)] == DONE) {
            low++; // past records the cursor skipped as unreadable
        }
        if (failed) {
            failed = false;
            pausedUntil = nowMillis + LOOK_BEYOND_EVERY_MILLIS;
        }
        int handed = 0;
        if (nowMillis - pausedUntil < 0) {
            return 0;
        }
        if (dueNow || earliestDue - nowMillis <= 0) {
            handed = moveDue(nowMillis);
        }
        if (!cursor.hasRoom() && nowMillis - lastLookBeyond >= LOOK_BEYOND_EVERY_MILLIS) {
            lastLookBeyond = nowMillis;
            if (dueBeyond(nowMillis)) {
                handed += compact();
            }
        }
        return handed;
    }

    /** Hands the journal every waiting record due by now (up to a round's worth); the earliest due left is kept. */
    private int moveDue(long nowMillis) {
        long earliest = Long.MAX_VALUE;
        int handed = 0;
        for (long t = low; t < next; t++) {
            int at = (int) (t & MASK);
            if (state[at] != WAITING) {
                continue;
            }
            if (due[at] - nowMillis > 0 || handed >= MAX_PER_ROUND) {
                earliest = Math.min(earliest, due[at]);
                continue;
            }
            if (copy(t, true)) {
                handed++;
            } else {
                earliest = Math.min(earliest, due[at]); // the ring is full: next round
                handed = MAX_PER_ROUND;
            }
        }
        earliestDue = earliest;
        return handed;
    }

    /**
     * Whether a record past the full span is due by now: up to {@link #LOOK_BEYOND} of them read from disk, from the
     * one after the last tracked.
     */
    private boolean dueBeyond(long nowMillis) {
        if (next == low) {
            return false;
        }
        long last = index[(int) ((next - 1) & MASK)];
        if (!reader.moveToIndex(last)) {
            return false;
        }
        QueueRecords.SubmitHead h = head;
        int looked = 0;
        boolean first = true;
        while (looked < LOOK_BEYOND) {
            try (DocumentContext dc = reader.readingDocument()) {
                if (!dc.isPresent()) {
                    return false;
                }
                if (first) { // the last tracked record itself
                    first = false;
                    continue;
                }
                looked++;
                try {
                    QueueRecords.readSubmitHead(dc.wire().bytes(), h);
                } catch (RuntimeException unreadable) {
                    continue; // the cursor skips and logs it when it reaches it
                }
                if (h.dueMillis - nowMillis <= 0 && !marks.isMoved(dc.index(), h.gatewayId)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The oldest waiting records (up to {@link #COMPACT}) handed to the journal to be appended to the tail again. */
    private int compact() {
        int handed = 0;
        for (long t = low; t < next && handed < COMPACT; t++) {
            if (state[(int) (t & MASK)] == WAITING) {
                if (!copy(t, false)) {
                    break;
                }
                handed++;
            }
        }
        if (handed > 0 && warnings.allow("compact|" + tenantId())) {
            LOG.info("tenant {}: {} scheduled messages waiting at the head of its scheduled queue appended again to "
                    + "its tail, so a due one behind them is read (logged once a minute)", tenantId(), handed);
        }
        return handed;
    }

    /** Reads record {@code t} in full and hands it to the journal; false when the ring had no room (nothing done). */
    private boolean copy(long t, boolean toInbound) {
        int at = (int) (t & MASK);
        ShortMessage m;
        long accepted;
        long validUntil;
        if (!reader.moveToIndex(index[at])) {
            unreadable(t, "no longer on disk");
            return true;
        }
        try (DocumentContext dc = reader.readingDocument()) {
            BytesIn<?> in = dc.wire().bytes();
            QueueRecords.readSubmitHead(in, head);
            accepted = head.acceptedMillis;
            validUntil = head.validUntilMillis;
            m = QueueRecords.readMessage(in);
        } catch (RuntimeException e) {
            unreadable(t, e.toString());
            return true;
        }
        ScheduledMove move = new ScheduledMove(this, t, index[at], gatewayId[at], accepted, validUntil, due[at], m,
                toInbound);
        if (!journal.copy(move)) {
            return false;
        }
        state[at] = COPYING;
        copying++;
        return true;
    }

    /** A record that cannot be read again can never be sent: completed and logged, as the cursor does. */
    private void unreadable(long t, String why) {
        if (warnings.allow("unreadable|" + tenantId())) {
            LOG.error("tenant {}: scheduled record at index {} cannot be read ({}) and is skipped (logged once a "
                    + "minute)", tenantId(), Long.toHexString(index[(int) (t & MASK)]), why);
        }
        done(t);
    }

    /** The journal reports a copy: on disk, the record is done (marked first, then completed); else it waits again. */
    void copied(ScheduledMove move) {
        copying--;
        int at = (int) (move.ticket & MASK);
        if (move.ticket < low || state[at] != COPYING) {
            return;
        }
        if (move.onDisk) {
            marks.mark(move.index, move.gatewayId());
            done(move.ticket);
        } else {
            state[at] = WAITING; // tried again in a second
            earliestDue = Math.min(earliestDue, due[at]);
            failed = true;
        }
    }

    private void done(long t) {
        state[(int) (t & MASK)] = DONE;
        cursor.complete(t);
        while (low < next && state[(int) (low & MASK)] == DONE) {
            low++;
        }
    }

    @Override
    public void close() {
        cursor.close();
        if (reader != null) {
            reader.close();
        }
        marks.close();
    }
}
