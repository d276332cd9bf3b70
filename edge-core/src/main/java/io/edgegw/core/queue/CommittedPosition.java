package io.edgegw.core.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The committed-position file of one queue ({@code inbound.committed}), memory-mapped: the queue index of the last
 * message completed with all before it. The dispatcher's {@link AckTracker} writes it; housekeeping reads it on its
 * own thread through its own mapping of the same page.
 * <p>
 * The file checks itself: two 16-byte slots, each a value and a check word (a write sequence number and a 32-bit
 * hash of value and sequence), written alternately. A write cut short (the process killed in the middle of it, a
 * torn sector) or any damage to one slot leaves the other, one step older, valid; damage to both is recognised as
 * such rather than read as a position. Within the process a slot is written like a seqlock (check cleared, value
 * written, check set with release), so a reader on another thread takes a slot only when it read a whole one.
 * <p>
 * Files of earlier releases hold the bare 8-byte value; opening one converts it (its value, unchecked, is what
 * {@link TenantQueues} then checks against the queue).
 */
public final class CommittedPosition implements AutoCloseable {
    static final int SLOT_BYTES = 16;
    static final int FILE_BYTES = 2 * SLOT_BYTES;
    private static final int LEGACY_BYTES = Long.BYTES;
    /** Big-endian, as ByteBuffer.putLong wrote these files before. */
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int READ_ATTEMPTS = 16;

    /** What the file held when it was opened. */
    public enum Found {
        /** no file, or an empty one: nothing committed */
        NOTHING,
        /** both slots valid */
        INTACT,
        /** one slot valid, the other damaged or missing (a write cut short, or damage): the valid one is used */
        ONE_SLOT,
        /** an 8-byte file of an earlier release: a value that cannot be checked by itself */
        UNCHECKED,
        /** no valid slot: the position is unknown */
        DAMAGED
    }

    /**
     * A position as read: {@code value} is 0 when {@code found} is NOTHING or DAMAGED; {@code seq} is the sequence
     * number of the slot it came from.
     */
    public record Read(Found found, long value, int seq) {
    }

    private final FileChannel channel;
    private final MappedByteBuffer slots;
    private final Found found;
    /** the sequence number of the last write (this instance's writes, or what it found) */
    private int seq;
    /** what {@link #get} returned last (0 before), for a read that finds no slot still */
    private long lastRead;

    /** Opens the file, creating it as "nothing committed" if it is not there, converting an 8-byte one. */
    public CommittedPosition(Path file) {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long size = channel.size();
            long legacy = 0;
            if (size == LEGACY_BYTES) {
                ByteBuffer b = ByteBuffer.allocate(LEGACY_BYTES);
                channel.read(b, 0);
                legacy = b.getLong(0);
            }
            slots = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES);
            if (size == 0) {
                found = Found.NOTHING;
                rewrite(0);
            } else if (size == LEGACY_BYTES) {
                found = Found.UNCHECKED;
                rewrite(legacy);
            } else {
                Read r = read(slots, size);
                found = r.found();
                seq = r.seq();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }

    /** What the file held when this instance opened it. */
    public Found found() {
        return found;
    }

    /**
     * Reads a position file without creating, converting or mapping it (for queues no tenant owns any more).
     */
    public static Read peek(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Read(Found.NOTHING, 0, 0);
        }
        if (bytes.length == 0) {
            return new Read(Found.NOTHING, 0, 0);
        }
        if (bytes.length == LEGACY_BYTES) {
            return new Read(Found.UNCHECKED, ByteBuffer.wrap(bytes).getLong(), 0);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(FILE_BYTES); // aligned, as the VarHandle's atomic reads want
        b.put(bytes, 0, Math.min(bytes.length, FILE_BYTES)).clear();
        return read(b, bytes.length);
    }

    /**
     * Queue index of the last message completed with all before it; 0 when none, or when no slot is valid. Any
     * thread. A reader on another thread than the writer's may get the value one write old (the newer slot being
     * rewritten as it looked), never one that was not written; when a busy writer keeps both slots in motion for all
     * of its attempts, it gets what this instance read last.
     */
    public long get() {
        Read oneSlot = null;
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            Read r = read(slots, FILE_BYTES);
            if (r.found() == Found.INTACT) {
                lastRead = r.value();
                return lastRead;
            }
            oneSlot = r.found() == Found.ONE_SLOT ? r : oneSlot;
            Thread.onSpinWait(); // a write on another thread may be under way in a slot we looked at
        }
        if (oneSlot != null) {
            lastRead = oneSlot.value();
        }
        return lastRead;
    }

    /**
     * The one writing thread only (a queue's AckTracker, or the one opening the queue before any other; a usage
     * exporter's thread for its own file).
     */
    public void set(long index) {
        seq = seq + 1 == 0 ? 1 : seq + 1; // 0 marks a slot never written, or being written
        int at = (seq & 1) * SLOT_BYTES;
        LONG.setOpaque(slots, at + 8, 0L);
        VarHandle.storeStoreFence();
        LONG.setOpaque(slots, at, index);
        LONG.setRelease(slots, at + 8, check(index, seq));
    }

    /** Writes {@code index} into both slots: after this the file is intact whatever it held. */
    void rewrite(long index) {
        set(index);
        set(index);
    }

    /** Writes the page to the device (for {@code storage.sync: batch}, and after a repair at start). */
    public void force() {
        slots.force();
    }

    /** Offset of the slot written last (tests damage it). */
    static long newerSlotOffset(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        return (int) (b.getLong(8) >>> 32) - (int) (b.getLong(SLOT_BYTES + 8) >>> 32) > 0 ? 0 : SLOT_BYTES;
    }

    private static Read read(ByteBuffer b, long size) {
        Read s0 = size >= SLOT_BYTES ? slot(b, 0) : null;
        Read s1 = size >= FILE_BYTES ? slot(b, SLOT_BYTES) : null;
        if (s0 != null && s1 != null) {
            // the newer of the two; sequence numbers wrap, the two are never far apart
            return s0.seq() - s1.seq() > 0 ? s0 : s1;
        }
        if (s0 != null || s1 != null) {
            Read one = s0 != null ? s0 : s1;
            return new Read(Found.ONE_SLOT, one.value(), one.seq());
        }
        return new Read(Found.DAMAGED, 0, 0);
    }

    /**
     * The slot when it is whole and valid, else null. The check word is read before and after the value: a write
     * under way on another thread clears it first, so a value read in between is never taken.
     */
    private static Read slot(ByteBuffer b, int at) {
        long c = (long) LONG.getAcquire(b, at + 8);
        int seq = (int) (c >>> 32);
        if (seq == 0) {
            return null;
        }
        long v = (long) LONG.getOpaque(b, at);
        VarHandle.loadLoadFence();
        long again = (long) LONG.getOpaque(b, at + 8);
        return again == c && check(v, seq) == c ? new Read(Found.INTACT, v, seq) : null;
    }

    /** Sequence number in the high half, a hash of value and sequence number in the low half. */
    static long check(long value, int seq) {
        long h = value ^ (seq * 0x9E3779B97F4A7C15L) ^ 0x65646765L; // "edge": an all-zero slot never checks
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return ((long) seq << 32) | (h & 0xFFFFFFFFL);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the mapped slots stay valid in the page cache; nothing to lose here
        }
    }
}
