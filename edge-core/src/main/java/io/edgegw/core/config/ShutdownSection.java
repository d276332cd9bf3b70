package io.edgegw.core.config;

/** {@code shutdown}: how long a stop waits for what is in flight. */
final class ShutdownSection {
    private ShutdownSection() {
    }

    static ShutdownConfig read(ConfigNode o) {
        o.only("drainSeconds");
        return new ShutdownConfig(o.integer("drainSeconds", ShutdownConfig.DEFAULTS.drainSeconds(), 0, 600));
    }
}
