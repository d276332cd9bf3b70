package io.edgegw.core.queue;

import io.edgegw.core.message.ShortMessage;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One tenant's dead letters: receipts and MO it refused or left unanswered up to its {@code maxDeliveryAttempts},
 * in {@code tenants/<id>/deadletters}. Appended, replayed and purged by the journal thread only (the single writer
 * of every queue); listed from any thread, each listing with its own tailer. Replay and purge are prefix operations:
 * they settle every letter up to an index, and {@code deadletters.committed} keeps the last one settled, so
 * housekeeping deletes settled cycle files exactly as it does for the other queues.
 */
public final class DeadLetterQueue implements AutoCloseable {
    /** Most letters one listing returns. */
    public static final int MAX_PAGE = 1000;
    private static final byte VERSION = 1;

    /** Where a replayed letter goes (the tenant's outbound queue), on the journal thread. */
    @FunctionalInterface
    public interface Redelivery {
        void append(String receiptedMessageId, int messageState, ShortMessage message);
    }

    /**
     * What a replay or purge settled.
     *
     * @param count   letters settled by this call
     * @param through index of the last letter settled so far (0 when none ever was)
     * @param more    whether letters up to the index asked for are left (the call's bound was reached)
     */
    public record Settled(int count, long through, boolean more) {
    }

    private final ChronicleQueue queue;
    private final Path positionFile;
    private final CommittedPosition settled;
    private ExcerptAppender appender;

    public DeadLetterQueue(Path dir, Path positionFile, RollCycle rollCycle, TimeProvider time) {
        this.queue = TenantQueues.open(dir, rollCycle, time);
        this.positionFile = positionFile;
        // checked against the letters on disk before this mapping reads it (a repair rewrites the file)
        ResumePoint.settle(queue, positionFile, "tenant " + dir.getParent().getFileName() + " deadletters");
        this.settled = new CommittedPosition(positionFile);
    }

    public ChronicleQueue queue() {
        return queue;
    }

    /** Holds the index of the last letter replayed or purged, with all before it (0 when none). */
    public Path positionFile() {
        return positionFile;
    }

    /** Journal thread: keeps one letter; on disk (page cache) when this returns. */
    public void append(long nowMillis, int attempts, int lastStatus, String receiptedMessageId, int messageState,
                       ShortMessage message) {
        if (appender == null) {
            appender = queue.createAppender(); // made on the journal thread, which alone writes
        }
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            try {
                b.writeByte(VERSION);
                b.writeLong(nowMillis);
                b.writeInt(attempts);
                b.writeInt(lastStatus);
                b.write8bit(receiptedMessageId);
                b.writeInt(messageState);
                QueueRecords.writeMessage(b, message);
            } catch (RuntimeException e) {
                dc.rollbackOnClose();
                throw e;
            }
        }
    }

    /**
     * One page of a listing.
     *
     * @param next the index to list from for the next page, 0 when there is none yet
     */
    public record Page(List<DeadLetter> letters, long next) {
    }

    /**
     * Any thread: at most {@code limit} (capped at {@link #MAX_PAGE}) letters from index {@code from} on, 0 (or any
     * index already settled) for the first not settled. An index where no letter is gives an empty page.
     */
    public Page list(long from, int limit) {
        List<DeadLetter> out = new ArrayList<>();
        int max = Math.max(1, Math.min(limit, MAX_PAGE));
        try (ExcerptTailer t = queue.createTailer()) {
            long first = settled.get();
            if (from > first) {
                if (!t.moveToIndex(from)) {
                    return new Page(out, 0);
                }
            } else {
                afterSettled(t, first);
            }
            for (int read = 0; ; read++) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return new Page(out, 0);
                    }
                    if (out.size() == max || read == 4 * MAX_PAGE) { // the bound holds past unreadable letters too
                        return new Page(out, dc.index());
                    }
                    DeadLetter d = read(dc);
                    if (d != null) {
                        out.add(d);
                    }
                }
            }
        }
    }

    /** Journal thread: hands letters up to {@code upTo} (inclusive) to {@code to}, at most {@code max}, and settles them. */
    public Settled replay(long upTo, int max, Redelivery to) {
        return settle(upTo, max, to);
    }

    /** Journal thread: drops letters up to {@code upTo} (inclusive), at most {@code max}. */
    public Settled purge(long upTo, int max) {
        return settle(upTo, max, null);
    }

    private Settled settle(long upTo, int max, Redelivery to) {
        long through = settled.get();
        int n = 0;
        boolean more = false;
        try (ExcerptTailer t = queue.createTailer()) {
            afterSettled(t, through);
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent() || dc.index() > upTo) {
                        break;
                    }
                    if (n == max) {
                        more = true; // left unread: the next call starts here
                        break;
                    }
                    DeadLetter d = read(dc);
                    if (to != null && d != null) { // an unreadable letter is settled all the same: it never will be
                        to.append(d.receiptedMessageId(), d.messageState(), d.message());
                    }
                    through = dc.index();
                    n++;
                }
            }
        }
        if (n > 0) {
            settled.set(through); // after the redeliveries are appended: a crash between replays twice, loses none
        }
        return new Settled(n, through, more);
    }

    private void afterSettled(ExcerptTailer t, long last) {
        if (last != 0 && t.moveToIndex(last)) {
            try (DocumentContext dc = t.readingDocument()) {
                dc.isPresent(); // moves past the settled letter
            }
        } else {
            t.toStart();
        }
    }

    private static DeadLetter read(DocumentContext dc) {
        if (!dc.isData()) {
            return null;
        }
        BytesIn<?> in = dc.wire().bytes();
        try {
            if (in.readByte() != VERSION) {
                return null;
            }
            return new DeadLetter(dc.index(), in.readLong(), in.readInt(), in.readInt(), in.read8bit(), in.readInt(),
                    QueueRecords.readMessage(in));
        } catch (RuntimeException corrupt) {
            return null;
        }
    }

    /** The cycle file the last letter went to (for {@code storage.sync: batch}); null before one. */
    public java.io.File currentFile() {
        return appender == null ? null : appender.currentFile();
    }

    /** Journal thread, as it stops. */
    public void closeAppender() {
        if (appender != null) {
            appender.close();
            appender = null;
        }
    }

    @Override
    public void close() {
        settled.close();
        queue.close();
    }
}
