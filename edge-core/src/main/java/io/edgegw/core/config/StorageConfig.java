package io.edgegw.core.config;

/**
 * Where the per-tenant Chronicle queues, read positions and correlations live.
 *
 * @param minFreeMegabytes below this much usable space on the storage volume, new submits are refused
 *                         (ESME_RMSGQFUL) and carrier receipts deferred, before a full disk can break a write
 * @param rollCycle        name of the Chronicle roll cycle new queues are created with
 */
public record StorageConfig(String dir, long minFreeMegabytes, String rollCycle) {
    /** Chronicle's current hourly cycle (the RollCycles enum): up to 2^32 messages an hour per queue. */
    public static final String DEFAULT_ROLL_CYCLE = "FAST_HOURLY";

    /** Default roll cycle. */
    public StorageConfig(String dir, long minFreeMegabytes) {
        this(dir, minFreeMegabytes, DEFAULT_ROLL_CYCLE);
    }
}
