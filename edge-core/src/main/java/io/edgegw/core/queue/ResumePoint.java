package io.edgegw.core.queue;

import io.edgegw.core.queue.CommittedPosition.Found;
import io.edgegw.core.queue.CycleFiles.CycleFile;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * Where reading a queue resumes after a start, settled once when the queue opens, before housekeeping or the
 * dispatcher look at its committed position: the position is checked against the messages on disk and, if it does
 * not name one of them, replaced by one that does (or by 0, "nothing committed": read from the oldest message on
 * disk). The rule, never to lose a message: a position that checks (its slot's hash holds) is believed, so every
 * message with an index up to it is complete; one that does not check is not believed at all.
 * <ul>
 * <li>A checked position naming a message on disk: kept, reading resumes after it.</li>
 * <li>A checked position naming no message on disk (its cycle file was deleted by hand, or the queue lost its tail in
 * a power cut with {@code storage.sync: none}, or it is older than every file left): the last message on disk at or
 * before it, so reading resumes with the first message after it; 0 when there is none.</li>
 * <li>A position that cannot be checked (both slots damaged; or an 8-byte file of an earlier release naming no
 * message on disk): 0. Housekeeping keeps the files from the committed message's cycle on, so the oldest file on
 * disk is that cycle's: the messages completed in it before the damage are sent again, none is lost.</li>
 * </ul>
 * Each repair is logged once, as a WARN naming the queue, what was found and what was done.
 */
public final class ResumePoint {
    private static final Logger LOG = LoggerFactory.getLogger(ResumePoint.class);

    /** Where reading resumes: after {@code position} (0 = from the oldest message); {@code problem} null if none. */
    public record Decision(long position, String problem) {
    }

    private ResumePoint() {
    }

    /** Checks a queue's position file against the queue and writes the settled position if it differs. */
    public static long settle(ChronicleQueue queue, Path positionFile, String owner) {
        try (CommittedPosition p = new CommittedPosition(positionFile)) {
            Found found = p.found();
            long stored = found == Found.DAMAGED ? 0 : p.get();
            Decision d = decide(queue, found, stored);
            if (d.problem() != null) {
                LOG.warn("{}: committed position {}; {}", owner, d.problem(), resumeText(queue, d.position()));
            } else if (found == Found.UNCHECKED) {
                LOG.info("{}: committed position file converted to the checked format (index {})", owner,
                        hex(d.position()));
            }
            if (d.position() != stored || found != Found.INTACT) {
                p.rewrite(d.position());
                p.force();
            }
            return d.position();
        }
    }

    private static String resumeText(ChronicleQueue queue, long position) {
        return position == 0 ? "reading resumes at the oldest message on disk" + (queue.firstIndex() == Long.MAX_VALUE
                ? " (none)" : " (index " + hex(queue.firstIndex()) + ")")
                : "reading resumes after index " + hex(position);
    }

    /** The settled position of a queue whose position file held {@code value} ({@code found}); changes nothing. */
    public static Decision decide(ChronicleQueue queue, Found found, long value) {
        switch (found) {
            case NOTHING:
                return new Decision(0, null);
            case DAMAGED:
                return new Decision(0, "unreadable (both slots of the file damaged); the messages completed in the "
                        + "oldest cycle on disk before the damage are sent again");
            default:
                break;
        }
        String slot = found == Found.ONE_SLOT
                ? "read from one slot, the other damaged (a write cut short?): the messages completed in the last "
                + "step before it are sent again; " : "";
        if (value == 0) {
            return new Decision(0, slot.isEmpty() ? null : slot + "nothing was committed");
        }
        try (ExcerptTailer t = queue.createTailer()) {
            if (t.moveToIndex(value)) {
                return new Decision(value, slot.isEmpty() ? null : slot + "index " + hex(value) + " is on disk");
            }
            if (found == Found.UNCHECKED) {
                return new Decision(0, "index " + hex(value) + " (an 8-byte file of an earlier release, which "
                        + "cannot be checked) names no message on disk and is not believed; the messages completed "
                        + "in the oldest cycle on disk are sent again");
            }
            long before = lastAtOrBefore(queue, t, value);
            String why = value > queue.lastIndex()
                    ? "is past the end of the queue (which lost its tail, e.g. in a power cut with storage.sync: "
                    + "none, or was replaced); every message on disk comes before it and was completed"
                    : before == 0 ? "is older than every file on disk; all of them come after it"
                    : "names a cycle whose file is gone; the messages before it were completed";
            return new Decision(before, slot + "index " + hex(value) + " " + why);
        }
    }

    /** The index of the last message on disk at or before {@code index}; 0 when there is none. */
    private static long lastAtOrBefore(ChronicleQueue queue, ExcerptTailer t, long index) {
        RollCycle rc = queue.rollCycle();
        int cycle = rc.toCycle(index);
        List<CycleFile> files = new CycleFiles(queue).list();
        for (int i = files.size() - 1; i >= 0; i--) {
            int c = files.get(i).cycle();
            if (c > cycle) {
                continue;
            }
            long n = t.excerptsInCycle(c);
            if (n > 0) {
                return Math.min(rc.toIndex(c, n - 1), index);
            }
        }
        return 0;
    }

    static String hex(long index) {
        return "0x" + Long.toHexString(index);
    }
}
