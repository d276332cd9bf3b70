package io.edgegw.core.testing;

import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.usage.UsageRecord;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The usage journal as a test reads it back: every event in {@code <storage.dir>/usage}, in order. */
public final class UsageEvents {
    private UsageEvents() {
    }

    /** Every usage event under {@code storageDir} (read with the gateway stopped). */
    public static List<UsageRecord> read(Path storageDir) {
        return new ArrayList<>(byIndex(storageDir).values());
    }

    /** Every usage event under {@code storageDir} by its index in the usage journal, in order. */
    public static Map<Long, UsageRecord> byIndex(Path storageDir) {
        Map<Long, UsageRecord> out = new LinkedHashMap<>();
        try (ChronicleQueue q = TenantQueues.open(storageDir.resolve("usage"),
                RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return out;
                    }
                    out.put(dc.index(), UsageRecord.read(dc.wire().bytes()));
                }
            }
        }
    }
}
