package io.edgegw.core.config;

/**
 * Where the per-tenant Chronicle queues, read positions and correlations live.
 *
 * @param minFreeMegabytes          below this much usable space on the storage volume, new submits are refused
 *                                  (ESME_RMSGQFUL) and carrier receipts deferred, before a full disk can break a write
 * @param rollCycle                 name of the Chronicle roll cycle new queues are created with; a cycle file is
 *                                  the unit in which consumed messages leave the disk
 * @param correlationRetentionHours carrier message id correlations older than this are deleted from disk and memory
 * @param correlationsInMemory      at most this many correlations are also held in memory (the most recent); a
 *                                  receipt for one that is not is looked up on disk
 */
public record StorageConfig(String dir, long minFreeMegabytes, String rollCycle, int correlationRetentionHours,
                            int correlationsInMemory) {
    /** Chronicle's current hourly cycle (the RollCycles enum): up to 2^32 messages an hour per queue. */
    public static final String DEFAULT_ROLL_CYCLE = "FAST_HOURLY";
    public static final int DEFAULT_CORRELATION_RETENTION_HOURS = 72;
    public static final int DEFAULT_CORRELATIONS_IN_MEMORY = 1_000_000;

    /** The default number of correlations in memory. */
    public StorageConfig(String dir, long minFreeMegabytes, String rollCycle, int correlationRetentionHours) {
        this(dir, minFreeMegabytes, rollCycle, correlationRetentionHours, DEFAULT_CORRELATIONS_IN_MEMORY);
    }

    /** Default roll cycle and correlation retention. */
    public StorageConfig(String dir, long minFreeMegabytes) {
        this(dir, minFreeMegabytes, DEFAULT_ROLL_CYCLE, DEFAULT_CORRELATION_RETENTION_HOURS);
    }
}
