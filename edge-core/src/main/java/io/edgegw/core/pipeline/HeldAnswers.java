package io.edgegw.core.pipeline;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.spi.AckSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * With {@code storage.sync: batch}, what a journal batch answers is held here until the batch is on the device:
 * submit_sm_resp and deliver_sm_resp (handed to a session, a later flush of that connection for any reason would put
 * them on the wire), the dispatcher's word that a carrier's answer is journaled (it then advances the committed
 * position), and the rarer answers about dead letters. Journal thread only; the arrays are reused from batch to batch.
 */
final class HeldAnswers {
    private static final int ACCEPTED = Integer.MIN_VALUE;

    private AckSink[] sinks = new AckSink[64];
    private int[] seqs = new int[64];
    private String[] ids = new String[64];
    /** ACCEPTED, or the status a refusal carries */
    private int[] statuses = new int[64];
    /** the status an accepted answer becomes when its batch could not be forced */
    private int[] statusesIfNotDurable = new int[64];
    private int count;
    private OutboundSubmit[] journaled = new OutboundSubmit[64];
    private int journaledCount;
    /** the rare answers (dead letters kept, replayed or purged), in the order given */
    private final List<Runnable> later = new ArrayList<>();
    /** scheduled submits copied in this batch: reported on disk only when the batch was forced */
    private final List<ScheduledCopy> copies = new ArrayList<>();

    /** A session whose answers are held (what a receipt that may be parked for later keeps as its sink). */
    static final class Held implements AckSink {
        final AckSink session;
        private final HeldAnswers answers;
        private final int statusIfNotDurable;

        Held(AckSink session, HeldAnswers answers, int statusIfNotDurable) {
            this.session = session;
            this.answers = answers;
            this.statusIfNotDurable = statusIfNotDurable;
        }

        @Override
        public void accepted(int sequenceNumber, String messageId) {
            answers.accepted(session, sequenceNumber, messageId, statusIfNotDurable);
        }

        @Override
        public void rejected(int sequenceNumber, int commandStatus) {
            answers.rejected(session, sequenceNumber, commandStatus);
        }

        @Override
        public void flush() {
            // the journal flushes the session itself, after the batch is released
        }
    }

    void accepted(AckSink sink, int seq, String id, int statusIfNotDurable) {
        add(sink, seq, id, ACCEPTED, statusIfNotDurable);
    }

    void rejected(AckSink sink, int seq, int status) {
        add(sink, seq, null, status, status);
    }

    void journaled(OutboundSubmit submit) {
        if (journaledCount == journaled.length) {
            journaled = Arrays.copyOf(journaled, journaledCount * 2);
        }
        journaled[journaledCount++] = submit;
    }

    void later(Runnable answer) {
        later.add(answer);
    }

    void copied(ScheduledCopy copy) {
        copies.add(copy);
    }

    private void add(AckSink sink, int seq, String id, int status, int statusIfNotDurable) {
        if (count == sinks.length) {
            int n = count * 2;
            sinks = Arrays.copyOf(sinks, n);
            seqs = Arrays.copyOf(seqs, n);
            ids = Arrays.copyOf(ids, n);
            statuses = Arrays.copyOf(statuses, n);
            statusesIfNotDurable = Arrays.copyOf(statusesIfNotDurable, n);
        }
        sinks[count] = sink;
        seqs[count] = seq;
        ids[count] = id;
        statuses[count] = status;
        statusesIfNotDurable[count] = statusIfNotDurable;
        count++;
    }

    /**
     * Lets the batch's answers go, in the order they were given.
     *
     * @param durable false when the batch could not be forced: what was to be accepted is refused instead, with the
     *                status given for the case, so no peer takes for durable what may not be
     */
    void release(boolean durable, JournalListener listener) {
        for (int i = 0; i < count; i++) {
            if (statuses[i] == ACCEPTED && durable) {
                sinks[i].accepted(seqs[i], ids[i]);
            } else {
                sinks[i].rejected(seqs[i], statuses[i] == ACCEPTED ? statusesIfNotDurable[i] : statuses[i]);
            }
            sinks[i] = null;
            ids[i] = null;
        }
        count = 0;
        // a carrier's answer whose correlation could not be forced still completes its message: holding it would
        // keep the message in flight for ever, and the carrier has it
        for (int i = 0; i < journaledCount; i++) {
            listener.journaled(journaled[i]);
            journaled[i] = null;
        }
        journaledCount = 0;
        for (Runnable r : later) {
            r.run();
        }
        later.clear();
        // a copy not forced is not reported on disk: its original stays and is copied again
        for (ScheduledCopy c : copies) {
            listener.copied(c, durable);
        }
        copies.clear();
    }
}
