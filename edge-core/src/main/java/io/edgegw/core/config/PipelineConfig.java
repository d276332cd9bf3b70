package io.edgegw.core.config;

/** The Disruptor ring: size (power of two) and wait strategy ({@code blocking}, {@code sleeping}, {@code yielding}). */
public record PipelineConfig(int ringSize, String waitStrategy) {
}
