package io.edgegw.simulator.load;

/**
 * One interval of a load run, normally a second (the last one is whatever was left): counts of what happened in
 * it and the submit_sm_resp latency of the submits answered OK in it. The percentiles are NaN when none were.
 *
 * @param endSeconds    seconds from the first submit to the end of this interval
 * @param lengthSeconds how long the interval was
 * @param receipts      receipts matched to an acknowledged submit
 * @param rejected      submits given up on with an error status
 */
public record LoadSecond(double endSeconds, double lengthSeconds, long acknowledged, long receipts,
                         double p50Millis, double p99Millis, long throttled, long rejected) {

    public double acknowledgedPerSecond() {
        return acknowledged / lengthSeconds;
    }

    public double receiptsPerSecond() {
        return receipts / lengthSeconds;
    }

    public boolean hasLatency() {
        return !Double.isNaN(p50Millis);
    }
}
