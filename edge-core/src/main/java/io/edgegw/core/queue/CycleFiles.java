package io.edgegw.core.queue;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cycle files ({@code *.cq4}) of one Chronicle queue directory and the cycle each holds, read from its name the
 * way Chronicle itself does (its {@link RollingResourcesCache}, from the queue's roll cycle and epoch). One thread
 * at a time: the cache keeps its last parse unguarded.
 */
public final class CycleFiles {
    static final String SUFFIX = SingleChronicleQueue.SUFFIX;

    /** One cycle file; {@code bytes} is its apparent size (Chronicle grows files sparsely, a chunk at a time). */
    public record CycleFile(Path path, int cycle, long bytes) {
    }

    private final ChronicleQueue queue;
    private final Path dir;
    private final RollingResourcesCache names;

    public CycleFiles(ChronicleQueue queue) {
        this.queue = queue;
        this.dir = queue.file().toPath();
        this.names = new RollingResourcesCache(queue.rollCycle(), epoch(queue),
                name -> new File(dir.toFile(), name + SUFFIX),
                file -> file.getName().substring(0, file.getName().length() - SUFFIX.length()));
    }

    public ChronicleQueue queue() {
        return queue;
    }

    /** The queue's cycle files, oldest first; names that are not a cycle of this queue are left out. */
    public List<CycleFile> list() {
        List<CycleFile> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                int cycle;
                try {
                    cycle = names.parseCount(name.substring(0, name.length() - SUFFIX.length()));
                } catch (RuntimeException notACycle) {
                    continue;
                }
                long bytes;
                try {
                    bytes = Files.size(p);
                } catch (IOException gone) {
                    continue; // deleted since it was listed
                }
                out.add(new CycleFile(p, cycle, bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparingInt(CycleFile::cycle));
        return out;
    }

    /** The cycle that holds the moment {@code millis} (epoch millis) in this queue. */
    public int cycleAt(long millis) {
        return cycleAt(queue, millis);
    }

    /** The cycle of {@code queue} holding the moment {@code millis}, computed as Chronicle's RollCycle.current does. */
    /**
     * Excerpts in {@code queue} after index {@code last} (all of them when {@code last} is 0 or less); 0 when there are
     * none; -1 when Chronicle cannot count them just now (a cycle file between them went).
     */
    public static long excerptsAfter(ChronicleQueue queue, long last) {
        try {
            long end = queue.lastIndex();
            if (end < 0 || end <= last || !(queue instanceof SingleChronicleQueue s)) {
                return 0;
            }
            // countExcerpts(a, b) counts a..b-1
            return last <= 0 ? s.countExcerpts(queue.firstIndex(), end) + 1 : Math.max(0, s.countExcerpts(last, end));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public static int cycleAt(ChronicleQueue queue, long millis) {
        return (int) Math.floorDiv(millis - epoch(queue), (long) queue.rollCycle().lengthInMillis());
    }

    private static long epoch(ChronicleQueue queue) {
        return queue instanceof SingleChronicleQueue s ? s.epoch() : 0;
    }
}
