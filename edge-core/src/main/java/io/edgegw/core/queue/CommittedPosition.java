package io.edgegw.core.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The 8-byte committed-position file of one queue ({@code inbound.committed}), memory-mapped. The dispatcher's
 * {@link AckTracker} writes it; housekeeping reads it on its own thread through its own mapping of the same page.
 * Stores are release and loads acquire, through a VarHandle over the mapped buffer: a reader sees a whole value
 * the writer stored, nobody locks, and on x86 the store is the plain move it was before. The value only grows,
 * so a reader that sees an older one merely does less.
 */
public final class CommittedPosition implements AutoCloseable {
    /** Big-endian, as ByteBuffer.putLong wrote these files before. */
    private static final VarHandle SLOT = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final FileChannel channel;
    private final MappedByteBuffer slot;

    /** Opens the file, creating it as 0 (nothing committed) if it is not there yet. */
    public CommittedPosition(Path file) {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            slot = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }

    /** Queue index of the last message completed with all before it; 0 when none. Any thread. */
    public long get() {
        return (long) SLOT.getAcquire(slot, 0);
    }

    /** The owning AckTracker's thread only. */
    void set(long index) {
        SLOT.setRelease(slot, 0, index);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the mapped slot stays valid in the page cache; nothing to lose here
        }
    }
}
