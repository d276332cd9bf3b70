package io.edgegw.simulator.sip;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a {@link CallLoad} run saw. {@code failedByCode} counts final responses other than 2xx, by status code;
 * {@code timedOut} calls got no final response in time; {@code errors} could not be sent at all. Setup latency is
 * INVITE to first final response, of calls that got one; {@code callsPerSecond} is the rate calls were placed at.
 */
public record CallReport(
        long requested,
        long placed,
        long answered,
        SortedMap<Integer, Long> failedByCode,
        long timedOut,
        long errors,
        double setupP50Millis,
        double setupP99Millis,
        double setupMaxMillis,
        double callsPerSecond) {

    public CallReport {
        failedByCode = new TreeMap<>(failedByCode);
    }

    public long failed() {
        return failedByCode.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every requested call was placed and ended with a final response: none timed out, none failed to send. */
    public boolean nothingLost() {
        return placed == requested && timedOut == 0 && errors == 0 && answered + failed() == placed;
    }

    /** e.g. {@code 486=3, 503=1}, or {@code none}. */
    public String failedText() {
        return failedByCode.isEmpty() ? "none" : failedByCode.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    public String text() {
        return String.format("""
                placed       %d of %d
                answered     %d
                failed       %d (%s)
                timed out    %d
                errors       %d
                setup        p50 %.2f ms, p99 %.2f ms, max %.2f ms
                calls/s      %.1f
                """, placed, requested, answered, failed(), failedText(), timedOut, errors,
                setupP50Millis, setupP99Millis, setupMaxMillis, callsPerSecond);
    }
}
