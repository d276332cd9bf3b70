package io.edgegw.core.config;

import io.edgegw.core.queue.RollCycleNames;

/** {@code storage}: where the queues live, how they roll, what an acknowledgement survives. */
final class StorageSection {
    private StorageSection() {
    }

    static StorageConfig read(ConfigNode o) {
        o.only("dir", "minFreeMegabytes", "rollCycle", "correlationRetentionHours", "sync", "correlationsInMemory");
        StorageConfig d = StorageConfig.DEFAULTS;
        String rollCycle = o.text("rollCycle", d.rollCycle(), 1, 64);
        if (RollCycleNames.isForTestsOnly(rollCycle)) {
            throw o.bad("rollCycle", "'" + rollCycle + "' is a Chronicle test cycle, too small for real traffic "
                    + "(use one of: " + String.join(", ", RollCycleNames.forProduction()) + ")");
        }
        if (!RollCycleNames.isKnown(rollCycle)) {
            throw o.bad("rollCycle", "unknown roll cycle '" + rollCycle + "' (known: "
                    + String.join(", ", RollCycleNames.forProduction()) + ")");
        }
        return new StorageConfig(o.text("dir", d.dir(), 1, 4096),
                o.integer("minFreeMegabytes", (int) d.minFreeMegabytes(), 0, 1 << 30), rollCycle,
                o.integer("correlationRetentionHours", d.correlationRetentionHours(), 1, 24 * 3650),
                o.choice("sync", d.sync()),
                o.integer("correlationsInMemory", d.correlationsInMemory(), 0, 100_000_000));
    }
}
