package io.edgegw.core.config;

import java.util.List;

/** The Disruptor ring: size (power of two) and wait strategy (one of {@link #WAIT_STRATEGIES}). */
public record PipelineConfig(int ringSize, String waitStrategy) {
    public static final List<String> WAIT_STRATEGIES = List.of("blocking", "sleeping", "yielding", "busyspin");
    /** What every key left out of {@code pipeline} takes. */
    public static final PipelineConfig DEFAULTS = new PipelineConfig(65536, "blocking");
}
