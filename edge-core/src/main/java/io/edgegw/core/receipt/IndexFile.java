package io.edgegw.core.receipt;

import net.openhft.chronicle.core.io.IOTools;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.LongPredicate;

/**
 * One open-addressing hash table in a memory-mapped file, for (part of) one cycle of the correlations journal:
 * slots of (64-bit key hash, journal index), 16 bytes each, probed linearly over at most {@link #MAX_PROBES} slots.
 * A lookup reads one or two cache lines of it and never more than half a kilobyte, whatever the table holds.
 * <p>
 * The file is written out in full when made (zeros, then forced) and only then renamed into place: a file that
 * exists is whole, and no later store into its mapping needs new disk space, so a full disk cannot fault one. A
 * slot's value is stored before its hash, so a slot is empty (hash 0) or holds both; a kill -9 leaves in the page
 * cache every store made before it. One thread only: the index thread.
 */
final class IndexFile implements AutoCloseable {
    static final int MAX_PROBES = 32;
    static final int MIN_SLOTS = 1 << 12;
    /** 1 GiB of slots: one MappedByteBuffer. */
    static final int MAX_SLOTS = 1 << 26;
    static final String SUFFIX = ".idx";
    /** "EDGECIX1" */
    private static final long MAGIC = 0x3158494345474445L;
    private static final int HEADER = 64;
    private static final int SLOT = 16;
    private static final int AT_CYCLE = 8;
    private static final int AT_PART = 12;
    private static final int AT_SLOTS = 16;
    private static final int AT_SEALED = 20;
    private static final int AT_COUNT = 24;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final int cycle;
    private final int part;
    private final int slots;
    private final int mask;
    private final FileChannel channel;
    private final MappedByteBuffer map;
    private int count;
    private boolean sealed;
    private boolean dirty;
    private long slotsRead;

    private IndexFile(Path path, FileChannel channel, MappedByteBuffer map) throws IOException {
        this.path = path;
        this.channel = channel;
        this.map = map;
        this.cycle = (int) INT.get(map, AT_CYCLE);
        this.part = (int) INT.get(map, AT_PART);
        this.slots = (int) INT.get(map, AT_SLOTS);
        this.mask = slots - 1;
        this.sealed = (int) INT.get(map, AT_SEALED) != 0;
        this.count = (int) INT.get(map, AT_COUNT);
        if ((long) LONG.get(map, 0) != MAGIC || Integer.bitCount(slots) != 1 || slots < MIN_SLOTS || slots > MAX_SLOTS
                || map.capacity() != HEADER + (long) slots * SLOT) {
            throw new IOException("not a correlation index file: " + path);
        }
    }

    static Path name(Path dir, int cycle, int part) {
        return dir.resolve(cycle + "." + part + SUFFIX);
    }

    /** Makes a table of {@code slots} (a power of two) for {@code cycle}, written out and forced before it is named. */
    static IndexFile create(Path dir, int cycle, int part, int slots) throws IOException {
        Path file = name(dir, cycle, part);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(0, MAGIC).putInt(AT_CYCLE, cycle).putInt(AT_PART, part).putInt(AT_SLOTS, slots);
            long at = ch.write(header, 0);
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            long end = HEADER + (long) slots * SLOT;
            while (at < end) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), end - at));
                at += ch.write(zeros, at);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return open(file);
    }

    static IndexFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            if (size < HEADER || size > HEADER + (long) MAX_SLOTS * SLOT) {
                throw new IOException("not a correlation index file: " + file + " (" + size + " bytes)");
            }
            return new IndexFile(file, ch, ch.map(FileChannel.MapMode.READ_WRITE, 0, size));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    int cycle() {
        return cycle;
    }

    int part() {
        return part;
    }

    int slots() {
        return slots;
    }

    int count() {
        return count;
    }

    boolean isSealed() {
        return sealed;
    }

    /** Whether one more entry keeps the table at most half full. */
    boolean hasRoom() {
        return count < slots / 2;
    }

    /**
     * Stores (hash, value) unless that very pair is there already (the tail of the journal is indexed again after a
     * crash); false when no slot within {@link #MAX_PROBES} is free.
     */
    boolean insert(long hash, long value) {
        int i = (int) hash & mask;
        for (int p = 0; p < MAX_PROBES; p++, i = (i + 1) & mask) {
            int at = HEADER + i * SLOT;
            long h = (long) LONG.get(map, at);
            if (h == 0) {
                LONG.set(map, at + 8, value);
                LONG.setRelease(map, at, hash);
                INT.set(map, AT_COUNT, ++count);
                dirty = true;
                return true;
            }
            if (h == hash && (long) LONG.get(map, at + 8) == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Offers each value stored under {@code hash} (almost always none, or one) to {@code candidate} until it accepts
     * one; returns that value, or -1 (journal indexes are not negative). Reads at most {@link #MAX_PROBES} slots.
     */
    long probe(long hash, LongPredicate candidate) {
        int i = (int) hash & mask;
        for (int p = 0; p < MAX_PROBES; p++, i = (i + 1) & mask) {
            int at = HEADER + i * SLOT;
            long h = (long) LONG.get(map, at);
            slotsRead++;
            if (h == 0) {
                return -1;
            }
            long value = (long) LONG.get(map, at + 8);
            if (h == hash && candidate.test(value)) {
                return value;
            }
        }
        return -1;
    }

    /** Slots read by lookups since this file was opened. */
    long slotsRead() {
        return slotsRead;
    }

    /** Forces the stores made since the last force to the device. */
    void force() {
        if (dirty) {
            map.force();
            dirty = false;
        }
    }

    /** The cycle is complete and every entry of it is in: forces them, then marks the file so. */
    void seal() {
        if (!sealed) {
            force();
            INT.set(map, AT_SEALED, 1);
            map.force();
            sealed = true;
        }
    }

    /** Unmaps now (not at some later GC), so a deleted file's space comes back at once. */
    @Override
    public void close() {
        IOTools.clean(map);
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was buffered in the channel: every store went through the mapping
        }
    }
}
