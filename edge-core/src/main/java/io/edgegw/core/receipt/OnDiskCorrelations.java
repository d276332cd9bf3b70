package io.edgegw.core.receipt;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.queue.CycleFiles;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The correlations journal's on-disk side, on a thread of its own ({@code edge-correlation-index}), away from the
 * journal thread: it follows the journal, putting each correlation into the {@link CorrelationIndex}, and looks up
 * the correlations of receipts the journal thread does not hold in memory, answering through {@link Answers} (the
 * ring). A page fault in the index or the journal files therefore stalls this thread, never the message path.
 * <p>
 * Nothing is replayed at start: the index is already on disk. The thread resumes following the journal where the
 * index's checkpoint says it stopped (after a kill -9, the few entries journaled but not yet indexed; after a power
 * cut, at most the cycles written since the last sealed one), while it already answers lookups. A lookup not found
 * in the index waits for the thread to reach the journal's end, then is answered (found on the way, or absent), so
 * a receipt for an entry journaled but not yet indexed is still matched.
 * <p>
 * Bounded: at most {@link #MAX_IN_FLIGHT} lookups at once (beyond that {@link #lookUp} refuses and the receipt is
 * answered "try later"); each costs at most {@link IndexFile#MAX_PROBES} slots of each index file in the retention,
 * plus one journal read per slot whose 64-bit hash matches.
 */
public final class OnDiskCorrelations implements ReceiptCorrelator.DiskLookups, AutoCloseable {
    /** Where answers go: back to the journal thread. */
    public interface Answers {
        /** @return false when it cannot be taken now (the ring is full): it is offered again shortly */
        boolean answer(ReceiptLookup lookup, Correlation found, long journalIndex);
    }

    public static final int MAX_IN_FLIGHT = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(OnDiskCorrelations.class);
    private static final int BATCH = 4096;
    /** Entries indexed at most on close before the checkpoint is written; the rest wait for the next start. */
    private static final int CLOSE_CATCH_UP = 1_000_000;
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Rounds in a row that found nothing to do before the thread sleeps {@link #QUIET_PARK_NANOS} at a time. */
    private static final int EMPTY_ROUNDS_BEFORE_QUIET = 20;
    private static final long QUIET_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ChronicleQueue queue;
    private final RollCycle rollCycle;
    private final Path dir;
    private final long retentionMillis;
    private final ConcurrentLinkedQueue<ReceiptLookup> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final OncePerMinute warnings = new OncePerMinute();
    private volatile boolean running = true;
    private volatile Thread thread;
    private Answers answers;

    // the index thread's own
    private CorrelationIndex index;
    private JournalFollower follower;
    private final CorrelationReader reader;
    private final ArrayDeque<Answer> unanswered = new ArrayDeque<>();
    /** Lookups not found in the index, by key hash, until the follower reaches the journal's end. */
    private final Map<Long, List<ReceiptLookup>> waiting = new HashMap<>();
    private int firstKept;

    // written by the index thread only, read by metrics from any thread
    private volatile long found;
    private volatile long absent;
    private volatile long slotsRead;
    private volatile long indexed;
    private volatile long notIndexed;
    private volatile long lag;
    private volatile long diskBytes;
    private volatile int files;

    private record Answer(ReceiptLookup lookup, Correlation found, long journalIndex) {
    }

    /**
     * @param dir             where the index files live ({@code storage/correlations-index})
     * @param retentionMillis as for the journal: cycles wholly older are not looked in, and their files go
     */
    public OnDiskCorrelations(ChronicleQueue queue, Path dir, long retentionMillis) {
        this.queue = queue;
        this.rollCycle = queue.rollCycle();
        this.dir = dir;
        this.retentionMillis = retentionMillis;
        this.reader = new CorrelationReader(queue, this::warn);
    }

    /** Starts the index thread; answers go to {@code answers}. */
    public void start(Answers answers) {
        this.answers = answers;
        thread = new Thread(this::run, "edge-correlation-index");
        thread.setDaemon(true);
        thread.start();
    }

    /** Journal thread: asks where a receipt's correlation is; false when too many are asked already. */
    @Override
    public boolean lookUp(ReceiptLookup lookup) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            return false;
        }
        requests.add(lookup);
        LockSupport.unpark(thread); // rare (a receipt not held in memory): served now, not at the next batch
        return true;
    }

    private void run() {
        try {
            open();
        } catch (IOException | RuntimeException e) {
            // lookups are still answered (absent), so receipts are not held for ever; memory matches go on
            LOG.error("correlation index in {} cannot be opened; late receipts are not matched: {}", dir, e.toString());
            closeIndex(false);
        }
        long nextSecond = System.nanoTime();
        int emptyRounds = 0;
        while (running) {
            int work = 0;
            try {
                firstKept = firstCycleKept();
                work = publish() + serve() + follow();
                long now = System.nanoTime();
                if (now - nextSecond >= 0) {
                    nextSecond = now + SECOND_NANOS;
                    everySecond();
                }
            } catch (RuntimeException e) {
                // a journal file that went under the tailers, say: start them again from where the index is
                warn("recover", "recovering from " + e);
                recover();
            }
            emptyRounds = work == 0 ? emptyRounds + 1 : 0;
            if (work < BATCH) {
                // caught up: the journal is read again in a millisecond's batch, not entry by entry as it grows (a
                // wake-up and a checkpoint per entry cost more than indexing it); a lookup wakes the thread at once.
                // After 20 ms with nothing written, 100 ms at a time: an idle gateway costs ten wake-ups a second
                // here, and what it writes next is indexed within 100 ms (a lookup still wakes it at once)
                LockSupport.parkNanos(emptyRounds >= EMPTY_ROUNDS_BEFORE_QUIET ? QUIET_PARK_NANOS : MAX_IDLE_PARK_NANOS);
            }
        }
        boolean clean = index != null;
        try {
            for (int n = 0; clean && n < CLOSE_CATCH_UP; n += BATCH) {
                if (follower.follow(BATCH, firstKept, this::indexed) != JournalFollower.Stop.MORE) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            clean = false; // the checkpoint still says how far the index is; the next start goes on from there
            LOG.warn("correlation index: could not index the journal's last entries on close: {}", e.toString());
        }
        closeIndex(clean);
    }

    private void open() throws IOException {
        firstKept = firstCycleKept();
        long epoch = queue instanceof SingleChronicleQueue s ? s.epoch() : 0;
        long last = queue.lastIndex();
        index = CorrelationIndex.open(dir, rollCycle, epoch, last < 0 ? -1 : last, firstKept);
        long after = index.resumeAfter();
        follower = new JournalFollower(queue, index, after);
        LOG.info("correlation index in {}: {} files; following the journal {}", dir, index.files(), after < 0
                ? "from its start (the whole retention to index)"
                : "after entry " + Long.toHexString(after) + " (" + follower.behind() + " entries to index)");
    }

    private void recover() {
        answerWaiting();
        if (index == null) {
            return;
        }
        try {
            reader.closeReaders(Integer.MAX_VALUE);
            follower.restart();
        } catch (RuntimeException e) {
            LOG.error("correlation index cannot follow the journal any more; late receipts are not matched: {}",
                    e.toString());
            closeIndex(false);
        }
    }

    private int firstCycleKept() {
        long now = queue.time().currentTimeMillis();
        return retentionMillis >= now ? Integer.MIN_VALUE : CycleFiles.cycleAt(queue, now - retentionMillis);
    }

    /** Offers answers the ring could not take yet. */
    private int publish() {
        int n = 0;
        Answer a;
        while ((a = unanswered.peek()) != null && answers.answer(a.lookup, a.found, a.journalIndex)) {
            unanswered.poll();
            inFlight.decrementAndGet();
            n++;
        }
        return n;
    }

    private void answer(ReceiptLookup l, Correlation c, long journalIndex) {
        if (c != null) {
            found = found + 1;
        } else {
            absent = absent + 1;
        }
        if (unanswered.isEmpty() && answers.answer(l, c, journalIndex)) {
            inFlight.decrementAndGet();
        } else {
            unanswered.add(new Answer(l, c, journalIndex));
        }
    }

    /** Looks up what was asked: found, or waiting for the follower to reach the journal's end. */
    private int serve() {
        int n = 0;
        ReceiptLookup l;
        while (n < BATCH && (l = requests.poll()) != null) {
            n++;
            firstKept = firstCycleKept(); // as of after this lookup was asked, not the one before
            if (index == null) {
                answer(l, null, -1);
                continue;
            }
            long hash = index.hash(l.key());
            String key = l.key();
            long at = index.find(hash, firstKept, candidate -> reader.verify(candidate, key, firstKept));
            if (at >= 0) {
                answer(l, reader.verified(), at);
            } else {
                waiting.computeIfAbsent(hash, h -> new ArrayList<>(1)).add(l);
            }
        }
        if (index != null) {
            slotsRead = index.slotsRead();
        }
        return n;
    }

    /** Indexes a batch of journal entries; at the journal's end, answers the lookups still waiting (absent). */
    private int follow() {
        if (index == null) {
            return 0;
        }
        long before = follower.read();
        JournalFollower.Stop stop = follower.follow(BATCH, firstKept, this::indexed);
        indexed = follower.read();
        if (follower.notIndexed() != notIndexed) {
            notIndexed = follower.notIndexed();
            warn("full", "a cycle has " + CorrelationIndex.MAX_PARTS + " index files and none has room near a hash; "
                    + "those correlations match only from memory");
        }
        if (stop == JournalFollower.Stop.CANNOT_WRITE) {
            warn("create", "cannot make an index file (retried every second; late receipts are not found meanwhile)");
        }
        if (stop != JournalFollower.Stop.MORE) {
            // the end of the journal as it was after every waiting lookup was asked: what is not found is absent
            answerWaiting();
        }
        return (int) (indexed - before);
    }

    /** An entry just indexed: the answer to lookups waiting for that key. */
    private void indexed(long hash, CharSequence key, BytesIn<?> rest, long journalIndex) {
        if (waiting.isEmpty()) {
            return;
        }
        List<ReceiptLookup> same = waiting.get(hash);
        if (same == null) {
            return;
        }
        Correlation c = null;
        for (Iterator<ReceiptLookup> it = same.iterator(); it.hasNext(); ) {
            ReceiptLookup l = it.next();
            if (l.key().contentEquals(key)) {
                if (c == null) {
                    c = CorrelationRecord.readCorrelation(rest);
                }
                answer(l, c, journalIndex);
                it.remove();
            }
        }
        if (same.isEmpty()) {
            waiting.remove(hash);
        }
    }

    private void answerWaiting() {
        if (waiting.isEmpty()) {
            return;
        }
        for (List<ReceiptLookup> same : waiting.values()) {
            for (ReceiptLookup l : same) {
                answer(l, null, -1);
            }
        }
        waiting.clear();
    }

    private void everySecond() {
        if (index == null) {
            return;
        }
        index.expire(firstKept);
        reader.closeReaders(firstKept);
        files = index.files();
        diskBytes = index.diskBytes();
        lag = follower.behind();
    }

    /** A WARN at most once a minute per {@code kind}, so a flood of the same trouble cannot flood the log. */
    private void warn(String kind, String what) {
        if (warnings.allow(kind)) {
            LOG.warn("correlation index: {} (logged once a minute)", what);
        }
    }

    /** @param clean every store forced and the checkpoint exact: the next start trusts the files, whatever boot */
    private void closeIndex(boolean clean) {
        if (follower != null) {
            follower.close();
            follower = null;
        }
        reader.closeReaders(Integer.MAX_VALUE);
        if (index != null) {
            index.close(clean);
            index = null;
        }
    }

    /** Stops the thread once it has indexed what the journal holds (up to a bound), and closes the index. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lookups answered found in the index since start. */
    public long found() {
        return found;
    }

    /** Lookups answered absent since start. */
    public long absent() {
        return absent;
    }

    /** Index slots read by lookups since start. */
    public long slotsRead() {
        return slotsRead;
    }

    /** Journal entries read into the index since start (at start: only those the index did not have yet). */
    public long indexed() {
        return indexed;
    }

    /** Journal entries not in the index because their cycle ran out of index files (see {@link CorrelationIndex}). */
    public long notIndexed() {
        return notIndexed;
    }

    /** Journal entries not yet in the index, as of the index thread's last look (once a second). */
    public long lag() {
        return lag;
    }

    public long diskBytes() {
        return diskBytes;
    }

    public int files() {
        return files;
    }
}
