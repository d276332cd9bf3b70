package io.edgegw.core.receipt;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * The index's own small file ({@code checkpoint}, memory-mapped): the secret seed of its key hash, the journal index
 * of the last correlation put in the index, the journal layout it was made for, and the boot it was last opened in.
 * The boot tells a process crash (kill -9: the page cache, so every store into the index, survived) from a power cut
 * or kernel crash (stores not yet written back may be gone); a clean close, which forced everything, is marked too.
 */
final class IndexCheckpoint implements AutoCloseable {
    /** "EDGECKP1" */
    private static final long MAGIC = 0x31504b4345474445L;
    private static final int SIZE = 64;
    private static final int AT_SEED = 8;
    private static final int AT_INDEXED = 16;
    private static final int AT_LAYOUT = 24;
    private static final int AT_BOOT = 32;
    private static final int AT_CLEAN = 48;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private final FileChannel channel;
    private final MappedByteBuffer map;
    private final boolean fresh;
    private final boolean sameBoot;
    private final boolean closedCleanly;

    private IndexCheckpoint(FileChannel channel, MappedByteBuffer map, boolean fresh, boolean sameBoot) {
        this.channel = channel;
        this.map = map;
        this.fresh = fresh;
        this.sameBoot = sameBoot;
        this.closedCleanly = !fresh && (long) LONG.get(map, AT_CLEAN) == 1;
    }

    /**
     * Opens the file, or starts it afresh (new seed, nothing indexed) when it is missing, torn, or was made for
     * another journal layout ({@code layout}: the roll cycle and epoch, which decide what a journal index means).
     */
    static IndexCheckpoint open(Path file, long layout) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            boolean existed = ch.size() == SIZE;
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            boolean fresh = !existed || (long) LONG.get(map, 0) != MAGIC || (long) LONG.get(map, AT_LAYOUT) != layout;
            long[] boot = thisBoot();
            boolean sameBoot = !fresh && (boot[0] != 0 || boot[1] != 0) && (long) LONG.get(map, AT_BOOT) == boot[0]
                    && (long) LONG.get(map, AT_BOOT + 8) == boot[1];
            if (fresh) {
                LONG.set(map, AT_SEED, new SecureRandom().nextLong());
                LONG.set(map, AT_INDEXED, -1L);
                LONG.set(map, AT_LAYOUT, layout);
                LONG.set(map, 0, MAGIC);
                map.force();
            }
            return new IndexCheckpoint(ch, map, fresh, sameBoot);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** This boot's id (Linux), or zeros when it cannot be read: then every start counts as a new boot. */
    private static long[] thisBoot() {
        try {
            UUID id = UUID.fromString(Files.readString(BOOT_ID).trim());
            return new long[] {id.getMostSignificantBits(), id.getLeastSignificantBits()};
        } catch (IOException | RuntimeException unknown) {
            return new long[2];
        }
    }

    /** Made just now: any index files found beside it belong to another seed or layout. */
    boolean fresh() {
        return fresh;
    }

    /** Last opened in this same boot, so everything stored into the index then is still there. */
    boolean sameBoot() {
        return sameBoot;
    }

    long seed() {
        return (long) LONG.get(map, AT_SEED);
    }

    /** Journal index of the last correlation the index holds, every one before it included; -1 for none. */
    long indexed() {
        return (long) LONG.get(map, AT_INDEXED);
    }

    void indexed(long journalIndex) {
        LONG.setRelease(map, AT_INDEXED, journalIndex);
    }

    /** Last closed by {@link #closedCleanly(boolean)}, after every index file was forced. */
    boolean closedCleanly() {
        return closedCleanly;
    }

    /** Forces the file, then records this boot as its last and the index as open (forced too). */
    void openedInThisBoot() {
        LONG.set(map, AT_CLEAN, 0L);
        map.force();
        long[] boot = thisBoot();
        LONG.set(map, AT_BOOT, boot[0]);
        LONG.set(map, AT_BOOT + 8, boot[1]);
        map.force();
    }

    /** Marks (and forces) the index as closed with every store forced, or not. */
    void closedCleanly(boolean clean) {
        map.force();
        LONG.set(map, AT_CLEAN, clean ? 1L : 0L);
        map.force();
    }

    void force() {
        map.force();
    }

    @Override
    public void close() {
        net.openhft.chronicle.core.io.IOTools.clean(map);
        try {
            channel.close();
        } catch (IOException ignored) {
            // every store went through the mapping
        }
    }
}
