package io.edgegw.simulator.smsc;

/**
 * The time of the batch being handled (a read batch, a timer's run), read from the clocks once for the whole batch
 * instead of once per PDU: every PDU in one read arrived together anyway. Event loop only.
 */
final class BatchClock {
    private boolean stale = true;
    private long nanos;
    private long millis;

    long nanos() {
        refresh();
        return nanos;
    }

    /** Wall-clock time, for the dates in receipts. */
    long millis() {
        refresh();
        return millis;
    }

    /** The batch is over: the next one reads the clocks again. */
    void next() {
        stale = true;
    }

    private void refresh() {
        if (stale) {
            nanos = System.nanoTime();
            millis = System.currentTimeMillis();
            stale = false;
        }
    }
}
