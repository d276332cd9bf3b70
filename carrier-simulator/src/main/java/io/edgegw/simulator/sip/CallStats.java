package io.edgegw.simulator.sip;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The load generator's counts and setup latencies, written from every worker without locks: atomics, a wait-free
 * histogram, and failures by status code in an array indexed by the code (SIP codes are 300..699 here).
 */
final class CallStats {
    final AtomicLong answered = new AtomicLong();
    final AtomicLong timedOut = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private final AtomicLongArray failedByCode = new AtomicLongArray(700);
    private final Histogram setupMicros = new ConcurrentHistogram(3);
    /** The same latencies again, taken a second at a time by {@link #progress}. */
    private final Recorder intervalSetupMicros = new Recorder(3);
    private Histogram interval;

    void setup(long micros) {
        setupMicros.recordValue(micros);
        intervalSetupMicros.recordValue(micros);
    }

    void failed(int status) {
        failedByCode.incrementAndGet(Math.min(status, failedByCode.length() - 1));
    }

    long failed() {
        long n = 0;
        for (int i = 0; i < failedByCode.length(); i++) {
            n += failedByCode.get(i);
        }
        return n;
    }

    /** For one progress printer at a time. */
    CallLoad.Progress progress(long placed, int underWay) {
        interval = intervalSetupMicros.getIntervalHistogram(interval);
        long n = interval.getTotalCount();
        return new CallLoad.Progress(placed, answered.get(), failed(), timedOut.get(), underWay, n,
                n == 0 ? 0 : interval.getValueAtPercentile(50) / 1000.0,
                n == 0 ? 0 : interval.getValueAtPercentile(99) / 1000.0);
    }

    /** Calls placed but never settled (no final response, no timeout seen yet) count as timed out. */
    CallReport report(CallLoadConfig config, long placed, long startNanos, long lastPlacedNanos) {
        SortedMap<Integer, Long> failed = new TreeMap<>();
        for (int code = 0; code < failedByCode.length(); code++) {
            if (failedByCode.get(code) > 0) {
                failed.put(code, failedByCode.get(code));
            }
        }
        long settled = answered.get() + failed() + timedOut.get() + errors.get();
        long unsettled = Math.max(0, placed - settled);
        double placingSeconds = placed == 0 ? 0
                : (lastPlacedNanos - startNanos) / 1e9 + 1.0 / config.callsPerSecond();
        boolean any = setupMicros.getTotalCount() > 0;
        return new CallReport(config.total(), placed, answered.get(), failed, timedOut.get() + unsettled,
                errors.get(),
                any ? setupMicros.getValueAtPercentile(50) / 1000.0 : 0,
                any ? setupMicros.getValueAtPercentile(99) / 1000.0 : 0,
                any ? setupMicros.getMaxValue() / 1000.0 : 0,
                placingSeconds == 0 ? 0 : placed / placingSeconds);
    }
}
