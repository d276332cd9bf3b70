package io.edgegw.core.usage.export;

import io.edgegw.core.config.UsageConfig;
import io.micrometer.core.instrument.MeterRegistry;
import net.openhft.chronicle.queue.RollCycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The exports {@code usage} asks for (daily files, Kafka), each its own {@link UsageExport}; none when it asks none. */
public final class UsageExports implements AutoCloseable {
    private final List<UsageExport> exports = new ArrayList<>();

    /** Opens them; the usage journal must have been opened (it makes {@code <storageDir>/usage}). */
    public UsageExports(UsageConfig config, Path storageDir, RollCycle rollCycle, MeterRegistry registry,
                        Clock clock) {
        try {
            if (config.files().enabled()) {
                exports.add(new UsageExport(storageDir, rollCycle, new UsageFiles(storageDir.resolve("usage-files"),
                        config.files().retentionDays(), clock), registry));
            }
            if (config.kafka() != null) {
                exports.add(new UsageExport(storageDir, rollCycle, new UsageKafka(config.kafka()), registry));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot open the usage files", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public void start() {
        exports.forEach(UsageExport::start);
    }

    /** Each export stops after its pass, its sink makes durable what it can, its position is committed. */
    @Override
    public void close() {
        for (UsageExport e : exports) {
            e.close();
        }
        exports.clear();
    }
}
