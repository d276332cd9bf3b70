package io.edgegw.core.queue;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces what an appender wrote to one Chronicle queue down to the device: {@code fdatasync} of the cycle file it
 * writes, for {@code storage.sync: batch}. One thread (the journal's).
 * <p>
 * Why not Chronicle's own {@code ExcerptAppender.sync()} (with the builder's {@code syncMode(SYNC)}): in Chronicle
 * Queue 2026.4 it msyncs only the appender's current chunk from its last synced page to its write position
 * ({@code MappedBytesStore.syncUpTo}). The header (write position) and index pages at the front of the file are left
 * out, and so is the tail of the previous chunk or cycle file when a batch crosses one (those are msynced only when
 * Chronicle releases the mapping, possibly on its background releaser thread, after our answers went out). An
 * {@code fdatasync} of the file writes back every page of it dirtied through any mapping (Linux tracks shared mapped
 * pages' dirtiness), so the whole batch and Chronicle's bookkeeping with it, in one call.
 */
public final class QueueForce implements AutoCloseable {
    private File file;
    private FileChannel channel;

    /**
     * Forces {@code current} (the appender's cycle file after the batch). When the batch rolled to a new cycle, the
     * previous file (the batch's first messages may be at its end) is forced first, and the directory, so the new
     * file's name survives a power cut too.
     *
     * @param current the appender's current file; null when it never wrote
     */
    public void force(File current) throws IOException {
        if (current == null) {
            return;
        }
        if (!current.equals(file)) {
            if (channel != null) {
                channel.force(false);
                channel.close();
                channel = null;
            }
            channel = FileChannel.open(current.toPath(), StandardOpenOption.WRITE);
            file = current;
            Path dir = current.toPath().getParent();
            forceFile(dir.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE));
            forceDirectory(dir);
        }
        channel.force(false);
    }

    private static void forceFile(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(false);
        }
    }

    /** Makes a directory's entries durable (a new file's name); not every platform can, Linux can. */
    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // Windows cannot open a directory as a channel; its file system journals names itself
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through this channel
            }
            channel = null;
        }
    }
}
