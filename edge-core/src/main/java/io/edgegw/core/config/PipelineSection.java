package io.edgegw.core.config;

/** {@code pipeline}: the Disruptor ring's size and wait strategy. */
final class PipelineSection {
    private PipelineSection() {
    }

    static PipelineConfig read(ConfigNode o) {
        o.only("ringSize", "waitStrategy");
        PipelineConfig d = PipelineConfig.DEFAULTS;
        int ring = o.integer("ringSize", d.ringSize(), 64, 1 << 24);
        if (Integer.bitCount(ring) != 1) {
            throw o.bad("ringSize", "must be a power of two (was " + ring + ")");
        }
        return new PipelineConfig(ring, o.oneOf("waitStrategy", d.waitStrategy(),
                PipelineConfig.WAIT_STRATEGIES.toArray(String[]::new)));
    }
}
