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
 * Which scheduled submits past their queue's committed position were already moved ({@code scheduled.moved}): a
 * fixed table of {@link #SLOTS} slots, memory-mapped, each holding a record's queue index and gateway id, at a slot
 * chosen by its index. A mark is written only once the record's copy is on disk, so a restart (or kill -9) does not
 * move it again. A record matches only its own slot's index and id together: a mark overwritten by another (two
 * records sharing a slot) or lost is a record moved twice, the permitted cost; a mark is never taken for a record it
 * was not written for (the gateway id is unique, also across a queue directory replaced by hand). Its size is fixed
 * whatever the number of scheduled messages. One writer thread (the dispatcher's).
 */
public final class MovedMarks implements AutoCloseable {
    /** Slots in the table: a power of two, at least the most records a lane tracks past its committed position. */
    public static final int SLOTS = 8192;
    private static final int SLOT_BYTES = 16;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final FileChannel channel;
    private final MappedByteBuffer table;

    public MovedMarks(Path file) {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            table = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) SLOTS * SLOT_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }

    /** Consecutive records of one cycle take consecutive slots; the cycle (high bits) shifts where they start. */
    private static int slot(long index) {
        return (int) (index + (index >>> 32) * 0x9E3779B1L) & (SLOTS - 1);
    }

    /** Whether the record at {@code index} with {@code gatewayId} was marked moved. */
    public boolean isMoved(long index, long gatewayId) {
        int at = slot(index) * SLOT_BYTES;
        return (long) LONG.getOpaque(table, at) == index && (long) LONG.getOpaque(table, at + 8) == gatewayId;
    }

    /** Marks the record moved; call only once its copy is on disk. */
    public void mark(long index, long gatewayId) {
        int at = slot(index) * SLOT_BYTES;
        LONG.setOpaque(table, at, 0L); // a slot cut short between the two writes matches nobody
        LONG.setOpaque(table, at + 8, gatewayId);
        LONG.setRelease(table, at, index);
    }

    /** Writes the table to the device (storage.sync: batch, by the caller's choice). */
    public void force() {
        table.force();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the mapping stays valid in the page cache
        }
    }
}
