package io.edgegw.core.usage.export;

import io.edgegw.core.files.DayFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The daily usage files: each event as one JSON line ({@link UsageJson}) in
 * {@code <storage.dir>/usage-files/usage-YYYY-MM-DD.jsonl}, the UTC day of the event. A pass's lines go out in one
 * write per day file; the files are forced at most {@link #FORCE_EVERY_NANOS} after a write (at once when the journal
 * has nothing more), and only then do those events count as durable. Day files older than
 * {@code usage.files.retentionDays} are deleted at start and at each new UTC day.
 */
final class UsageFiles implements UsageSink {
    private static final Logger LOG = LoggerFactory.getLogger(UsageFiles.class);
    static final long FORCE_EVERY_NANOS = 500_000_000L;

    private final DayFiles files;
    /** The last event written, not yet forced. */
    private long written;
    private long durable;
    private long writtenCount;
    private volatile long exported;
    private boolean dirty;
    private long forcedAt = System.nanoTime();

    UsageFiles(Path dir, int retentionDays, Clock clock) throws IOException {
        files = new DayFiles(dir, "usage", retentionDays, clock, "usage.files.retentionDays");
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void take(long journalIndex, UsageJson event) {
        int length = event.render(journalIndex);
        DayFiles.Lines lines = files.line(event.time()).append(event.line(), 0, length);
        DayFiles.endLine(lines);
        written = journalIndex;
        writtenCount++;
    }

    @Override
    public void endOfPass(boolean idle) throws IOException {
        files.retention();
        if (!idle) {
            files.write();
            dirty = true;
        }
        if (dirty && (idle || System.nanoTime() - forcedAt >= FORCE_EVERY_NANOS)) {
            files.force();
            dirty = false;
            forcedAt = System.nanoTime();
            durable = written;
            exported += writtenCount;
            writtenCount = 0;
        }
    }

    @Override
    public long durable() {
        return durable;
    }

    @Override
    public long exported() {
        return exported;
    }

    @Override
    public String lost() {
        return null;
    }

    @Override
    public void reset(long committed) throws IOException {
        // lines written and not forced stay in the files; they are written again (repeats, by event id)
        written = committed;
        durable = committed;
        writtenCount = 0;
        dirty = false;
        files.close();
    }

    @Override
    public void close() {
        try {
            files.close(); // forces what was written: durable
            durable = written;
            exported += writtenCount;
            writtenCount = 0;
        } catch (IOException e) {
            LOG.error("usage files not closed cleanly: {}", e.toString());
        }
    }
}
