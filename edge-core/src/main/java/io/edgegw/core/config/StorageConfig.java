package io.edgegw.core.config;

/**
 * Where the per-tenant Chronicle queues, read positions and correlations live.
 *
 * @param minFreeMegabytes          below this much usable space on the storage volume, new submits are refused
 *                                  (ESME_RMSGQFUL) and carrier receipts deferred, before a full disk can break a write
 * @param rollCycle                 name of the Chronicle roll cycle new queues are created with; a cycle file is
 *                                  the unit in which consumed messages leave the disk
 * @param correlationRetentionHours carrier message id correlations older than this are deleted from disk and memory
 * @param sync                      whether a journal batch is forced to the device before its answers go out
 * @param correlationsInMemory      at most this many correlations are also held in memory (the most recent); a
 *                                  receipt for one that is not is looked up on disk
 */
public record StorageConfig(String dir, long minFreeMegabytes, String rollCycle, int correlationRetentionHours,
                            Sync sync, int correlationsInMemory) {
    /** Chronicle's current hourly cycle (the RollCycles enum): up to 2^32 messages an hour per queue. */
    public static final String DEFAULT_ROLL_CYCLE = "FAST_HOURLY";
    public static final int DEFAULT_CORRELATION_RETENTION_HOURS = 72;
    public static final int DEFAULT_CORRELATIONS_IN_MEMORY = 1_000_000;
    /** What every key left out of {@code storage} takes. */
    public static final StorageConfig DEFAULTS = new StorageConfig("var/queues", 100, DEFAULT_ROLL_CYCLE,
            DEFAULT_CORRELATION_RETENTION_HOURS, Sync.NONE, DEFAULT_CORRELATIONS_IN_MEMORY);

    /** What an acknowledgement survives; {@code storage.sync} in the YAML. */
    public enum Sync {
        /**
         * Written to the page cache before the answer: survives the process dying (kill -9), not the machine losing
         * power. The kernel writes the pages back on its own schedule.
         */
        NONE,
        /**
         * Each journal batch is forced to the device (fdatasync) before any of its answers go out: survives a power
         * cut too. Committed read positions are forced once a second.
         */
        BATCH
    }

    public StorageConfig {
        sync = sync == null ? Sync.NONE : sync;
    }

    /** Page-cache durability ({@link Sync#NONE}) and the default number of correlations in memory. */
    public StorageConfig(String dir, long minFreeMegabytes, String rollCycle, int correlationRetentionHours) {
        this(dir, minFreeMegabytes, rollCycle, correlationRetentionHours, Sync.NONE, DEFAULT_CORRELATIONS_IN_MEMORY);
    }

    /** Page-cache durability ({@link Sync#NONE}). */
    public StorageConfig(String dir, long minFreeMegabytes, String rollCycle, int correlationRetentionHours,
                         int correlationsInMemory) {
        this(dir, minFreeMegabytes, rollCycle, correlationRetentionHours, Sync.NONE, correlationsInMemory);
    }

    /** Default roll cycle and correlation retention. */
    public StorageConfig(String dir, long minFreeMegabytes) {
        this(dir, minFreeMegabytes, DEFAULT_ROLL_CYCLE, DEFAULT_CORRELATION_RETENTION_HOURS);
    }

    public StorageConfig withSync(Sync s) {
        return new StorageConfig(dir, minFreeMegabytes, rollCycle, correlationRetentionHours, s, correlationsInMemory);
    }
}
