package io.edgegw.core.receipt;

import net.openhft.chronicle.queue.RollCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * The on-disk index of the correlations journal, in {@code storage/correlations-index}: per journal cycle, one
 * {@link IndexFile} ({@code <cycle>.<part>.idx}; a further part, four times larger, only when a cycle outgrows the
 * first) mapping a 64-bit hash of {@code carrierId|id} to the journal index of its record, and the
 * {@link IndexCheckpoint}. The files of a cycle go when the cycle leaves the retention, as the journal's do.
 * <p>
 * A lookup reads at most {@link IndexFile#MAX_PROBES} slots of each file within the retention, newest cycle first,
 * and reads a journal record only for a slot whose 64-bit hash matches (to rule out a collision), so it costs a
 * bounded handful of mapped reads whatever the journal holds. The hash is seeded with a secret kept in the
 * checkpoint, so a carrier choosing its message ids cannot aim them at one slot. One thread only: the index thread.
 */
final class CorrelationIndex implements AutoCloseable {
    /** Parts per cycle; each is four times the last, so eight cover a cycle 16,000 times busier than the one before. */
    static final int MAX_PARTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(CorrelationIndex.class);

    private final Path dir;
    private final RollCycle rollCycle;
    private final IndexCheckpoint checkpoint;
    private final long seed;
    /** Newest cycle first; each list newest part first. */
    private final NavigableMap<Integer, List<IndexFile>> byCycle = new TreeMap<>(Comparator.reverseOrder());
    /** The cycle the last insert went to and its parts in {@link #byCycle} (null: look it up); reset on expiry. */
    private int lastCycle;
    private List<IndexFile> lastParts;
    /** Journal index the index holds everything up to, as decided at open (see {@link #resumeAfter()}). */
    private final long resumeAfter;
    private long slotsRead;

    private CorrelationIndex(Path dir, RollCycle rollCycle, IndexCheckpoint checkpoint, long lastInJournal,
                             int firstKept) throws IOException {
        this.dir = dir;
        this.rollCycle = rollCycle;
        this.checkpoint = checkpoint;
        this.seed = checkpoint.seed();
        // after a power cut (another boot, not closed cleanly) the stores since the last seal may be lost
        boolean trusted = checkpoint.sameBoot() || checkpoint.closedCleanly();
        int newestSealed = Integer.MIN_VALUE;
        int rebuildFrom = Integer.MAX_VALUE;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(f); // a file being made when the process stopped
                    continue;
                }
                if (!name.endsWith(IndexFile.SUFFIX)) {
                    continue;
                }
                int cycle = cycleOf(name);
                if (checkpoint.fresh() || cycle < firstKept) {
                    Files.deleteIfExists(f);
                    continue;
                }
                try {
                    IndexFile file = IndexFile.open(f);
                    byCycle.computeIfAbsent(file.cycle(), c -> new ArrayList<>()).add(file);
                    if (file.isSealed()) {
                        newestSealed = Math.max(newestSealed, file.cycle());
                    }
                } catch (IOException broken) {
                    LOG.warn("correlation index: {} is unreadable ({}); deleted, its cycle is indexed again", f,
                            broken.getMessage());
                    Files.deleteIfExists(f);
                    rebuildFrom = Math.min(rebuildFrom, cycle);
                }
            }
        }
        byCycle.values().forEach(parts -> parts.sort(Comparator.comparingInt(IndexFile::part).reversed()));
        long upTo = Math.min(checkpoint.indexed(), lastInJournal); // a journal cut short at a power cut is the truth
        if (!trusted) {
            upTo = Math.min(upTo, newestSealed == Integer.MIN_VALUE ? -1 : rollCycle.toIndex(newestSealed + 1, 0) - 1);
        }
        if (rebuildFrom != Integer.MAX_VALUE) {
            upTo = Math.min(upTo, rollCycle.toIndex(rebuildFrom, 0) - 1); // just before that cycle's first entry
        }
        this.resumeAfter = upTo;
        checkpoint.indexed(upTo);
        checkpoint.openedInThisBoot();
    }

    /**
     * Opens the index in {@code dir}: deletes files of cycles before {@code firstKept}, files of another seed or
     * journal layout, and half-made ones, and decides from where the journal must be indexed (again).
     *
     * @param lastInJournal the journal's last index now, -1 when it is empty
     */
    static CorrelationIndex open(Path dir, RollCycle rollCycle, long epoch, long lastInJournal, int firstKept)
            throws IOException {
        Files.createDirectories(dir);
        long layout = ((long) rollCycle.lengthInMillis() << 32) ^ rollCycle.toIndex(1, 0) ^ (epoch * 31);
        IndexCheckpoint checkpoint = IndexCheckpoint.open(dir.resolve("checkpoint"), layout);
        try {
            return new CorrelationIndex(dir, rollCycle, checkpoint, lastInJournal, firstKept);
        } catch (IOException | RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }

    private static int cycleOf(String name) {
        try {
            return Integer.parseInt(name.substring(0, name.indexOf('.')));
        } catch (RuntimeException notOurs) {
            return Integer.MIN_VALUE; // deleted as past the retention
        }
    }

    /**
     * The journal index after which following the journal resumes: the checkpoint's; or, after a power cut (a new
     * boot without a clean close), the end of the newest sealed cycle, so at most the cycle or two written since are
     * indexed again; or the start of a cycle whose file was unreadable. Everything up to it is in the index; -1
     * means from the start of the journal.
     */
    long resumeAfter() {
        return resumeAfter;
    }

    /** The key's hash: FNV-1a from the secret seed, then murmur3's finaliser so every bit counts; never 0. */
    long hash(CharSequence key) {
        long h = seed;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= key.length();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /**
     * Puts one journal entry in its cycle's file, making the file (or a larger further part) when needed; false
     * when the cycle already has {@link #MAX_PARTS} parts and none has a free slot near the hash.
     *
     * @throws IOException when a new file cannot be made (disk full): nothing was put in
     */
    boolean insert(int cycle, long hash, long journalIndex) throws IOException {
        List<IndexFile> parts;
        if (cycle == lastCycle && lastParts != null) {
            parts = lastParts; // nearly every insert: the cycle of the one before, without the tree's lookup
        } else {
            parts = byCycle.get(cycle);
            lastCycle = cycle;
            lastParts = parts;
        }
        IndexFile newest = parts == null ? null : parts.get(0);
        if (newest != null && newest.hasRoom() && newest.insert(hash, journalIndex)) {
            return true;
        }
        if (parts != null && parts.size() >= MAX_PARTS) {
            return false;
        }
        int slots = newest == null ? firstSlots(cycle) : (int) Math.min(IndexFile.MAX_SLOTS, newest.slots() * 4L);
        IndexFile made = IndexFile.create(dir, cycle, newest == null ? 0 : newest.part() + 1, slots);
        List<IndexFile> list = byCycle.computeIfAbsent(cycle, c -> new ArrayList<>());
        list.add(0, made);
        lastCycle = cycle;
        lastParts = list;
        return made.insert(hash, journalIndex);
    }

    /** Room for twice the entries of the last cycle before it, so a steady flow fills one file at most half. */
    private int firstSlots(int cycle) {
        Map.Entry<Integer, List<IndexFile>> before = byCycle.higherEntry(cycle); // descending: higher = older
        long entries = 0;
        if (before != null) {
            for (IndexFile f : before.getValue()) {
                entries += f.count();
            }
        }
        long slots = Math.max(IndexFile.MIN_SLOTS, Long.highestOneBit(Math.max(1, entries * 2 - 1)) << 1);
        return (int) Math.min(IndexFile.MAX_SLOTS, slots);
    }

    /**
     * Offers the journal indexes stored under {@code hash} in cycles from {@code firstKept} on, newest first, to
     * {@code verify} (which reads the record and compares its key) until it accepts one; returns that, or -1.
     */
    long find(long hash, int firstKept, LongPredicate verify) {
        for (Map.Entry<Integer, List<IndexFile>> e : byCycle.entrySet()) {
            if (e.getKey() < firstKept) {
                break;
            }
            for (IndexFile f : e.getValue()) {
                long before = f.slotsRead();
                long found = f.probe(hash, verify);
                slotsRead += f.slotsRead() - before;
                if (found >= 0) {
                    return found;
                }
            }
        }
        return -1;
    }

    /**
     * Every entry of the cycles before {@code cycle} is in: forces their files and marks them complete, and forces
     * the directory so their names are on the device too.
     */
    void sealBefore(int cycle) {
        boolean any = false;
        for (List<IndexFile> parts : byCycle.tailMap(cycle, false).values()) {
            for (IndexFile f : parts) {
                any |= !f.isSealed();
                f.seal();
            }
        }
        if (any) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                LOG.warn("correlation index: cannot force directory {}: {}", dir, e.toString());
            }
            checkpoint.force();
        }
    }

    /** Unmaps and deletes the files of cycles before {@code firstKept}; returns how many went. */
    int expire(int firstKept) {
        int deleted = 0;
        for (Iterator<Map.Entry<Integer, List<IndexFile>>> it = byCycle.tailMap(firstKept, false).entrySet().iterator();
             it.hasNext(); ) {
            for (IndexFile f : it.next().getValue()) {
                f.close();
                try {
                    Files.deleteIfExists(f.path());
                    deleted++;
                } catch (IOException e) {
                    LOG.warn("correlation index: cannot delete {}: {}", f.path(), e.toString());
                }
            }
            it.remove();
            lastParts = null;
        }
        return deleted;
    }

    void indexed(long journalIndex) {
        checkpoint.indexed(journalIndex);
    }

    long slotsRead() {
        return slotsRead;
    }

    int files() {
        int n = 0;
        for (List<IndexFile> parts : byCycle.values()) {
            n += parts.size();
        }
        return n;
    }

    /** Bytes of the index files (each written out in full when made). */
    long diskBytes() {
        long bytes = 0;
        for (List<IndexFile> parts : byCycle.values()) {
            for (IndexFile f : parts) {
                bytes += 64 + f.slots() * 16L;
            }
        }
        return bytes;
    }

    RollCycle rollCycle() {
        return rollCycle;
    }

    /** Closes; {@code clean} forces every file first and marks the index whole for the next open, whatever boot. */
    void close(boolean clean) {
        for (List<IndexFile> parts : byCycle.values()) {
            for (IndexFile f : parts) {
                if (clean) {
                    f.force();
                }
                f.close();
            }
        }
        byCycle.clear();
        lastParts = null;
        checkpoint.closedCleanly(clean);
        checkpoint.close();
    }

    @Override
    public void close() {
        close(false);
    }
}
