package io.edgegw.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What of the files under a directory this process has mapped and written but the kernel has not yet written to the
 * device, from {@code /proc/self/smaps} (Linux): a forced page is clean again, a page only in the page cache is
 * dirty. How a test sees whether a write was forced before something else happened.
 */
public final class DirtyPages {
    /** Mapped and dirty kB of files; {@code mapped} false when no such file is mapped at all. */
    public record Under(boolean mapped, long dirtyKb) {
    }

    private DirtyPages() {
    }

    /**
     * The Chronicle cycle files ({@code *.cq4}) directly in a queue directory: the messages, their index and the write
     * position. Not {@code metadata.cq4t}, whose running values (Chronicle's cache of the first and last cycle, rewritten
     * as tailers look for new cycles) are rebuilt from the directory's listing when a queue opens.
     */
    public static Under cycleFiles(Path dir) {
        return under(dir, ".cq4");
    }

    public static Under under(Path dir, String suffix) {
        String prefix = dir.toAbsolutePath().toString() + "/";
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean inside = false;
        boolean mapped = false;
        long dirty = 0;
        for (String line : lines) {
            if (isHeader(line)) {
                int slash = line.indexOf('/');
                inside = slash >= 0 && line.substring(slash).startsWith(prefix) && line.endsWith(suffix);
                mapped |= inside;
            } else if (inside && (line.startsWith("Shared_Dirty:") || line.startsWith("Private_Dirty:"))) {
                dirty += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new Under(mapped, dirty);
    }

    /** A mapping's first line: {@code start-end perms offset dev inode [path]}; field lines are {@code Name: value}. */
    private static boolean isHeader(String line) {
        int space = line.indexOf(' ');
        return space > 0 && line.substring(0, space).matches("[0-9a-f]+-[0-9a-f]+");
    }

    /** True when the directory is on a file system whose pages a force cleans (not tmpfs, which never writes back). */
    public static boolean forceCleans(Path dir) {
        try {
            return !Files.getFileStore(dir).type().equals("tmpfs") && Files.isReadable(Path.of("/proc/self/smaps"));
        } catch (IOException e) {
            return false;
        }
    }
}
