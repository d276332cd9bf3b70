package io.edgegw.core.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Day files of JSON lines, {@code <dir>/<prefix>-YYYY-MM-DD.jsonl} (UTC days), for one writing thread: lines are
 * gathered per day ({@link #line}), written with one {@code write} per day file ({@link #write}), forced on demand
 * ({@link #force}), and day files older than a retention are deleted once per UTC day ({@link #retention}).
 * <p>
 * Lines may come for an earlier day than the newest (an event stamped before midnight, read after it), so a few day
 * files stay open at once (at most {@link #OPEN_FILES}; the least recently written closes, forced, first). A file
 * opened for appending whose last byte is not a newline (a write cut short by a kill -9 or a power cut, never forced)
 * is first cut back to its last newline, so every line in it is whole; the writer writes those lines again (the usage
 * export's position moves only past forced lines).
 */
public final class DayFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DayFiles.class);
    static final int OPEN_FILES = 4;
    private static final long DAY_MILLIS = 24L * 3600 * 1000;
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final String prefix;
    private final int retentionDays;
    private final Clock clock;
    private final String retentionKey;
    /** Open files by UTC day (epoch day), least recently written first. */
    private final LinkedHashMap<Long, Open> open = new LinkedHashMap<>(8, 0.75f, true);
    /** Lines gathered since the last {@link #write}, by UTC day. */
    private final Map<Long, Lines> pending = new LinkedHashMap<>();
    private long retentionDay = Long.MIN_VALUE;
    /** The day {@link #line} gave a buffer for last, and that buffer (nearly every line is of the same day). */
    private long lastDay = Long.MIN_VALUE;
    private Lines lastLines;

    /** The UTF-8 octets of one day's lines gathered since the last {@link #write}. */
    public static final class Lines {
        private byte[] octets = new byte[4096];
        private int length;

        /** Appends {@code count} octets of {@code from} from {@code at} (UTF-8 text, part of a line). */
        public Lines append(byte[] from, int at, int count) {
            if (length + count > octets.length) {
                octets = Arrays.copyOf(octets, Math.max(octets.length * 2, length + count));
            }
            System.arraycopy(from, at, octets, length, count);
            length += count;
            return this;
        }

        /** Appends {@code text} as UTF-8. */
        public Lines append(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            return append(b, 0, b.length);
        }
    }

    private static final class Open {
        final FileChannel channel;
        boolean dirty;

        Open(FileChannel channel) {
            this.channel = channel;
        }
    }

    /**
     * @param retentionDays day files dated more than this many days before today are deleted; 0 keeps them all
     * @param retentionKey  the config key named in the log line of a deletion
     */
    public DayFiles(Path dir, String prefix, int retentionDays, Clock clock, String retentionKey) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.prefix = prefix;
        this.retentionDays = retentionDays;
        this.clock = clock;
        this.retentionKey = retentionKey;
    }

    /** The file of a UTC day. */
    public Path file(LocalDate day) {
        return dir.resolve(prefix + "-" + day + SUFFIX);
    }

    /**
     * The buffer to append one line (without its newline) for the UTC day of {@code epochMillis}; the newline is
     * added by the caller calling {@link #endLine}.
     */
    public Lines line(long epochMillis) {
        long day = Math.floorDiv(epochMillis, DAY_MILLIS);
        if (day != lastDay || lastLines == null) {
            lastLines = pending.computeIfAbsent(day, d -> new Lines());
            lastDay = day;
        }
        return lastLines;
    }

    private static final byte[] NEWLINE = {'\n'};

    /** Ends the line just appended to {@code b}. */
    public static void endLine(Lines b) {
        b.append(NEWLINE, 0, 1);
    }

    /** Writes the lines gathered, one write per day file. On failure the lines not written are dropped. */
    public void write() throws IOException {
        try {
            for (Map.Entry<Long, Lines> e : pending.entrySet()) {
                Lines lines = e.getValue();
                if (lines.length == 0) {
                    continue;
                }
                Open f = open(e.getKey());
                ByteBuffer bytes = ByteBuffer.wrap(lines.octets, 0, lines.length);
                lines.length = 0;
                while (bytes.hasRemaining()) {
                    f.channel.write(bytes);
                }
                f.dirty = true;
            }
        } finally {
            for (Lines b : pending.values()) {
                b.length = 0;
            }
            if (pending.size() > OPEN_FILES) {
                pending.clear(); // keeps the buffers of the usual few days only
                lastLines = null;
            }
        }
    }

    /** Forces every file written since the last force to the device. */
    public void force() throws IOException {
        for (Open f : open.values()) {
            if (f.dirty) {
                f.channel.force(false);
                f.dirty = false;
            }
        }
    }

    private Open open(long epochDay) throws IOException {
        Open f = open.get(epochDay);
        if (f != null) {
            return f;
        }
        if (open.size() >= OPEN_FILES) {
            Iterator<Map.Entry<Long, Open>> eldest = open.entrySet().iterator();
            Open old = eldest.next().getValue();
            eldest.remove();
            closeForced(old);
        }
        FileChannel c = FileChannel.open(file(LocalDate.ofEpochDay(epochDay)), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            // this thread is the file's only writer: writing at its end is appending
            long size = c.size();
            long whole = wholeLines(c, size);
            if (whole < size) {
                // a write cut short by a kill -9 (the kernel stops a write between pages for a fatal signal) or a
                // power cut: never forced, so its lines were not counted durable and are written again
                c.truncate(whole);
                LOG.info("{}: cut a torn last line ({} bytes) left by a process that stopped mid-write; its events "
                        + "are written again", file(LocalDate.ofEpochDay(epochDay)).getFileName(), size - whole);
            }
            c.position(whole);
        } catch (IOException e) {
            c.close();
            throw e;
        }
        f = new Open(c);
        open.put(epochDay, f);
        return f;
    }

    /** The length of the file's whole lines: up to and including its last newline (0 when it has none). */
    private static long wholeLines(FileChannel c, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(8192);
        long end = size;
        while (end > 0) {
            long from = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - from));
            while (block.hasRemaining() && c.read(block, from + block.position()) >= 0) {
                // read the whole block
            }
            for (int k = (int) (end - from) - 1; k >= 0; k--) {
                if (block.get(k) == '\n') {
                    return from + k + 1;
                }
            }
            end = from;
        }
        return 0;
    }

    private static void closeForced(Open f) throws IOException {
        try {
            if (f.dirty) {
                f.channel.force(false);
            }
        } finally {
            f.channel.close();
        }
    }

    /**
     * Once per UTC day (by the clock): deletes the day files dated more than the retention before today, other than
     * those open. Files not named like a day's are left alone. Errors are logged and tried again the next day.
     */
    public void retention() {
        long today = Math.floorDiv(clock.millis(), DAY_MILLIS);
        if (today == retentionDay || retentionDays <= 0) {
            return;
        }
        retentionDay = today;
        LocalDate oldestKept = LocalDate.ofEpochDay(today - retentionDays);
        List<Path> old = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "-*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                LocalDate day;
                try {
                    day = LocalDate.parse(name.substring(prefix.length() + 1, name.length() - SUFFIX.length()));
                } catch (DateTimeParseException | StringIndexOutOfBoundsException notADayFile) {
                    continue;
                }
                if (day.isBefore(oldestKept) && !open.containsKey(day.toEpochDay())) {
                    old.add(f);
                }
            }
            for (Path f : old) {
                Files.deleteIfExists(f);
                LOG.info("deleted {}: older than {} ({} days)", f.getFileName(), retentionKey, retentionDays);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: could not clean {} (tried again tomorrow): {}", retentionKey, dir, e.toString());
        }
    }

    /** Forces and closes every open file. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Open f : open.values()) {
            try {
                closeForced(f);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
