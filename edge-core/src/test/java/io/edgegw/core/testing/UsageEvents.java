package io.edgegw.core.testing;

import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.usage.UsageRecord;
import io.edgegw.core.usage.export.UsageJson;
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
        return new ArrayList<>(byEventId(storageDir).values());
    }

    /**
     * Every usage event under {@code storageDir} by its exported id ({@link UsageJson#eventId(long, int)}: its
     * document's index in the usage journal, and its place in a document of several), in order.
     */
    public static Map<String, UsageRecord> byEventId(Path storageDir) {
        Map<String, UsageRecord> out = new LinkedHashMap<>();
        try (ChronicleQueue q = TenantQueues.open(storageDir.resolve("usage"),
                RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return out;
                    }
                    boolean batch = dc.wire().bytes().peekUnsignedByte() == UsageRecord.VERSION_BATCH;
                    List<UsageRecord> doc = UsageRecord.readDocument(dc.wire().bytes(), null);
                    for (int k = 0; k < doc.size(); k++) {
                        out.put(UsageJson.eventId(dc.index(), batch ? k : -1), doc.get(k));
                    }
                }
            }
        }
    }
}
