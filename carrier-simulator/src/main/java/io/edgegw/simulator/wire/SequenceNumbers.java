package io.edgegw.simulator.wire;

/**
 * The sequence_numbers one session gives its requests: 0x00000001 to 0x7FFFFFFF (SMPP 3.4 5.1.4), then round again.
 * Used by one event loop only, so a plain field.
 */
public final class SequenceNumbers {
    private int last;

    public int next() {
        last = last == Integer.MAX_VALUE ? 1 : last + 1;
        return last;
    }
}
