package io.edgegw.core.receipt;

import io.edgegw.core.queue.CycleFiles;
import io.edgegw.core.queue.TenantQueues;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Not a test: what a receipt's correlation lookup costs, in memory and on disk. Journals {@code entries} correlations
 * spread over 72 hourly cycles (the default retention and roll cycle, so a miss probes 72 index files), builds the
 * index through {@link OnDiskCorrelations} (timed), then, single-threaded and warm (the files in the page cache):
 * <ul>
 * <li>memory: {@link Correlations#cached} with every entry held (and the heap that takes);</li>
 * <li>disk, found: {@link CorrelationIndex#find} plus the journal read that verifies the key;</li>
 * <li>disk, absent: random ids nobody was given (slots read per miss);</li>
 * <li>through the index thread: lookups asked by one thread and answered by the index thread, 1,000 in flight.</li>
 * </ul>
 * Arguments: [entries (default 1000000)] [lookups per round (default 200000)].
 */
public final class CorrelationLookupBench {
    private static final int CYCLES = 72;
    private static final int ROUNDS = 5;
    private static final long HOUR = TimeUnit.HOURS.toMillis(1);

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path dir = Files.createTempDirectory("edge-lookup-bench");
        long retention = CYCLES * HOUR;
        SetTimeProvider clock = new SetTimeProvider(System.currentTimeMillis() - (CYCLES - 1) * HOUR);
        System.out.printf(Locale.ROOT, "%,d correlations over %d hourly cycles in %s, %d cores%n", n, CYCLES, dir,
                Runtime.getRuntime().availableProcessors());
        try (ChronicleQueue q = TenantQueues.open(dir.resolve("correlations"), RollCycles.FAST_HOURLY, clock)) {
            long t = System.nanoTime();
            long heapBefore = usedHeap();
            Correlations memory = new Correlations(q, n, retention);
            memory.open();
            for (int i = 0; i < n; i++) {
                if (i > 0 && i % (n / CYCLES) == 0 && clock.currentTimeMillis() < System.currentTimeMillis()) {
                    clock.currentTimeMillis(clock.currentTimeMillis() + HOUR);
                }
                memory.record("telco", id(i), new Correlation(i % 2 == 0 ? "acme" : "globex", i, (byte) 1));
            }
            System.out.printf(Locale.ROOT, "journaled in %.2f s; %,d held in memory take %,d bytes of heap "
                    + "(%.0f bytes each)%n", seconds(System.nanoTime() - t), memory.size(), usedHeap() - heapBefore,
                    (usedHeap() - heapBefore) / (double) memory.size());

            t = System.nanoTime();
            try (OnDiskCorrelations builder = new OnDiskCorrelations(q, dir.resolve("correlations-index"), retention)) {
                builder.start((l, c, at) -> true);
                while (builder.indexed() < n) {
                    Thread.sleep(1);
                }
                System.out.printf(Locale.ROOT, "index built from the journal in %.2f s (%,.0f entries/s)%n",
                        seconds(System.nanoTime() - t), n / seconds(System.nanoTime() - t));
            }

            String[] hits = new String[lookups];
            String[] misses = new String[lookups];
            Random random = new Random(13);
            for (int i = 0; i < lookups; i++) {
                hits[i] = "telco|" + id(random.nextInt(n));
                misses[i] = "telco|" + Long.toHexString(random.nextLong());
            }
            for (int round = 1; round <= ROUNDS; round++) {
                long sum = 0;
                t = System.nanoTime();
                for (String k : hits) {
                    sum += memory.cached(k).gatewayId();
                }
                System.out.printf(Locale.ROOT, "round %d: memory hit %,.0f ns%s%n", round,
                        (System.nanoTime() - t) / (double) lookups, sum == 0 ? "!" : "");
            }
            memory.close();

            long epoch = ((SingleChronicleQueue) q).epoch();
            int firstKept = CycleFiles.cycleAt(q, clock.currentTimeMillis() - retention);
            Map<Integer, ExcerptTailer> readers = new HashMap<>(); // one per cycle, as the index thread keeps them
            try (CorrelationIndex index = CorrelationIndex.open(dir.resolve("correlations-index"), q.rollCycle(),
                    epoch, q.lastIndex(), firstKept)) {
                System.out.printf(Locale.ROOT, "%d index files, %,d bytes%n", index.files(), index.diskBytes());
                StringBuilder scratch = new StringBuilder();
                for (int round = 1; round <= ROUNDS; round++) {
                    t = System.nanoTime();
                    int found = 0;
                    for (String k : hits) {
                        found += index.find(index.hash(k), firstKept, at -> verify(q, readers, at, k, scratch)) >= 0 ? 1 : 0;
                    }
                    double hitNanos = (System.nanoTime() - t) / (double) lookups;
                    long slots = index.slotsRead();
                    t = System.nanoTime();
                    int absent = 0;
                    for (String k : misses) {
                        absent += index.find(index.hash(k), firstKept, at -> verify(q, readers, at, k, scratch)) < 0 ? 1 : 0;
                    }
                    double missNanos = (System.nanoTime() - t) / (double) lookups;
                    System.out.printf(Locale.ROOT, "round %d: disk hit %,.0f ns (%d of %d found), disk miss %,.0f ns "
                                    + "(%d of %d absent, %.1f slots read per miss)%n", round, hitNanos, found, lookups,
                            missNanos, absent, lookups, (index.slotsRead() - slots) / (double) lookups);
                }
            }
            readers.values().forEach(ExcerptTailer::close);

            try (OnDiskCorrelations onDisk = new OnDiskCorrelations(q, dir.resolve("correlations-index"), retention)) {
                Semaphore inFlight = new Semaphore(1000);
                onDisk.start((l, c, at) -> {
                    inFlight.release();
                    return true;
                });
                for (int round = 1; round <= ROUNDS; round++) {
                    t = System.nanoTime();
                    for (int i = 0; i < lookups; i++) {
                        inFlight.acquire();
                        onDisk.lookUp(new ReceiptLookup("telco", i % 2 == 0 ? hits[i] : misses[i], null, null, 0, 0,
                                false));
                    }
                    inFlight.acquire(1000);
                    inFlight.release(1000);
                    System.out.printf(Locale.ROOT, "round %d: through the index thread, half found, half absent: "
                            + "%,.0f lookups/s%n", round, lookups / seconds(System.nanoTime() - t));
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean verify(ChronicleQueue q, Map<Integer, ExcerptTailer> readers, long at, String key,
                                  StringBuilder scratch) {
        ExcerptTailer reader = readers.computeIfAbsent(q.rollCycle().toCycle(at), c -> q.createTailer());
        if (!reader.moveToIndex(at)) {
            return false;
        }
        try (DocumentContext dc = reader.readingDocument()) {
            BytesIn<?> in = dc.wire().bytes();
            return dc.isPresent() && CorrelationRecord.readKey(in, scratch) && key.contentEquals(scratch)
                    && CorrelationRecord.readCorrelation(in) != null;
        }
    }

    private static String id(int i) {
        return Long.toHexString(0x5a000000_00000000L + i * 7919L);
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
