package io.edgegw.core.usage;

import io.edgegw.core.queue.CycleFiles;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.TenantQueues;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The usage reader's tailers on its source queues: where each resumes, and how far behind it is. */
final class SourceTailers {
    private static final Logger LOG = LoggerFactory.getLogger(SourceTailers.class);

    private SourceTailers() {
    }

    /** A tailer on {@code queue}, positioned after {@code last} (the last source index read), or at the start. */
    static ExcerptTailer resume(ChronicleQueue queue, long last, String what) {
        ExcerptTailer tailer = queue.createTailer();
        if (last == 0) {
            tailer.toStart();
            return tailer;
        }
        if (!tailer.moveToIndex(last)) {
            // the file holding it is gone (housekeeping holds it for us, so only if removed by hand): events from
            // the first record left would be all we could write, and some records would have none
            LOG.error("usage: {} index {} (last made into an event) is no longer on disk; resuming at the first "
                    + "record left, some records have no usage event", what, last);
            tailer.toStart();
            return tailer;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (dc.isPresent() && dc.index() != last) {
                dc.rollbackOnClose(); // not the one we stopped at: read it as the next
            }
        }
        return tailer;
    }

    /**
     * As {@link #resume}, for a queue of submits (inbound, scheduled): when the file holding {@code last} is gone and
     * the first record left is a copy of a scheduled message (which has no event), housekeeping deleted what the
     * reader had read past, and only such copies followed the last event: an INFO, not an ERROR.
     */
    static ExcerptTailer resumeSubmits(ChronicleQueue queue, long last, String what) {
        if (last != 0) {
            ExcerptTailer probe = queue.createTailer();
            try {
                if (!probe.moveToIndex(last)) {
                    probe.toStart();
                    if (firstIsCopy(probe)) {
                        LOG.info("usage: {} resumes at the first message left (only copies of scheduled messages "
                                + "followed index {}, the last made into an event)", what, last);
                        return probe;
                    }
                }
            } catch (RuntimeException e) {
                probe.close();
                throw e;
            }
            probe.close();
        }
        return resume(queue, last, what);
    }

    /** Whether the record the tailer reads next is a copy of a scheduled message; the tailer does not move. */
    private static boolean firstIsCopy(ExcerptTailer tailer) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            dc.rollbackOnClose();
            QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
            QueueRecords.readSubmitHead(dc.wire().bytes(), head);
            return head.moved;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** Records in the tenant's inbound queue after {@code last}; -1 when Chronicle cannot count them. */
    static long behind(TenantQueues t, long last) {
        return CycleFiles.excerptsAfter(t.inbound(), last);
    }
}
