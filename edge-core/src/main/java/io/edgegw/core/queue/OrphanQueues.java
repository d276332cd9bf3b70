package io.edgegw.core.queue;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Queue directories under {@code <storage.dir>/tenants} whose tenant is no longer configured: found once at start,
 * reported (one WARN, a gauge, {@code GET /api/storage}), never deleted. A directory counts as a tenant's when it
 * holds an {@code inbound}, {@code outbound} or {@code deadletters} queue or a committed-position file; anything else
 * there is not ours to report. The queues are opened read-only and their position files only read, so looking changes nothing.
 */
public final class OrphanQueues {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanQueues.class);
    private static final List<String> QUEUES = List.of("inbound", "outbound", "deadletters");

    /**
     * @param bytes               apparent size of every file in the directory (Chronicle grows its files sparsely,
     *                            a chunk at a time: {@code du} may show less)
     * @param undeliveredMessages messages after the committed position, inbound, outbound and dead letters together
     *                            (never sent to a carrier, never delivered to the tenant, or dead letters neither
     *                            replayed nor purged); -1 when a queue could not be read
     */
    public record Orphan(String tenant, String dir, long bytes, long undeliveredMessages) {
    }

    private OrphanQueues() {
    }

    /** The orphaned tenant directories under {@code storage}, by tenant id; logs one WARN when there are any. */
    /** @param rollCycle the configured one: a queue made with it opens without Chronicle's "overriding" warning */
    public static List<Orphan> find(Path storage, Set<String> configuredTenants, RollCycle rollCycle) {
        Path tenants = storage.resolve("tenants");
        List<Orphan> out = new ArrayList<>();
        if (!Files.isDirectory(tenants)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tenants, Files::isDirectory)) {
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                if (!configuredTenants.contains(id) && looksLikeTenantQueues(d)) {
                    out.add(new Orphan(id, d.toString(), bytes(d), undelivered(d, rollCycle)));
                }
            }
        } catch (IOException e) {
            LOG.warn("could not look for queues of removed tenants under {}: {}", tenants, e.toString());
        }
        out.sort(Comparator.comparing(Orphan::tenant));
        if (!out.isEmpty()) {
            StringBuilder list = new StringBuilder();
            for (Orphan o : out) {
                list.append(list.length() == 0 ? "" : "; ").append(o.dir()).append(" (").append(o.bytes() >> 20)
                        .append(" MB, ").append(o.undeliveredMessages() < 0 ? "unreadable"
                                : o.undeliveredMessages() == 0 ? "no undelivered messages"
                                : o.undeliveredMessages() + " undelivered messages").append(')');
            }
            LOG.warn("{} queue director{} of tenants no longer configured, kept as they are (delete by hand once not "
                    + "needed, or configure the tenant again to drain them): {}", out.size(),
                    out.size() == 1 ? "y" : "ies", list);
        }
        return out;
    }

    private static boolean looksLikeTenantQueues(Path d) {
        for (String q : QUEUES) {
            if (Files.isDirectory(d.resolve(q)) || Files.isRegularFile(d.resolve(q + ".committed"))) {
                return true;
            }
        }
        return false;
    }

    private static long bytes(Path d) {
        try (Stream<Path> files = Files.walk(d)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long undelivered(Path d, RollCycle rollCycle) {
        long sum = 0;
        for (String q : QUEUES) {
            Path queueDir = d.resolve(q);
            if (!Files.isRegularFile(queueDir.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE))) {
                continue; // never opened as a queue: nothing in it
            }
            try (SingleChronicleQueue queue = ChronicleQueue.singleBuilder(queueDir.toFile()).rollCycle(rollCycle)
                    .readOnly(true).build()) {
                CommittedPosition.Read p = CommittedPosition.peek(d.resolve(q + ".committed"));
                long after = ResumePoint.decide(queue, p.found(), p.value()).position();
                long last = queue.lastIndex();
                if (last < 0) {
                    continue;
                }
                sum += after == 0 ? queue.countExcerpts(queue.firstIndex(), last) + 1 : queue.countExcerpts(after, last);
            } catch (IOException | RuntimeException e) {
                LOG.warn("queue {} of a removed tenant could not be read: {}", queueDir, e.toString());
                return -1;
            }
        }
        return sum;
    }
}
