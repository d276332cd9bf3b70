package io.edgegw.simulator.smsc;

import io.edgegw.simulator.SmppStatus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shares of submits answered with an error status instead of ESME_ROK, in percent, e.g.
 * {@code ESME_RSYSERR=10,ESME_RSUBMITFAIL=5}: 10% system errors, 5% submit failures, 85% as usual.
 */
public record ErrorMix(Map<Integer, Integer> percentByStatus) {
    public static final ErrorMix NONE = new ErrorMix(Map.of());

    public ErrorMix {
        Map<Integer, Integer> copy = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<Integer, Integer> e : percentByStatus.entrySet()) {
            String name = SmppStatus.name(e.getKey());
            if (e.getKey() == 0) {
                throw new IllegalArgumentException("errors: ESME_ROK is not an error");
            }
            if (e.getValue() < 0 || e.getValue() > 100) {
                throw new IllegalArgumentException("errors: share of " + name + " must be 0..100 percent: " + e.getValue());
            }
            if (e.getValue() > 0) {
                copy.put(e.getKey(), e.getValue());
                total += e.getValue();
            }
        }
        if (total > 100) {
            throw new IllegalArgumentException("errors: shares add up to " + total + "%, at most 100");
        }
        percentByStatus = Collections.unmodifiableMap(new TreeMap<>(copy)); // sorted: a stable text form
    }

    /** Parses {@code ESME_RSYSERR=10,ESME_RSUBMITFAIL=5}; {@code none}, {@code off} or empty is no errors. */
    public static ErrorMix parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none") || trimmed.equalsIgnoreCase("off")) {
            return NONE;
        }
        Map<Integer, Integer> percent = new LinkedHashMap<>();
        for (String part : trimmed.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("errors: expected STATUS=percent, got '" + part + "'");
            }
            int share;
            try {
                share = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("errors: percent of " + kv[0].trim() + " is not a number: '" + kv[1].trim() + "'");
            }
            try {
                percent.merge(SmppStatus.parse(kv[0]), share, Integer::sum);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("errors: " + e.getMessage());
            }
        }
        return new ErrorMix(percent);
    }

    public boolean isEmpty() {
        return percentByStatus.isEmpty();
    }

    /** The status for one submit: an error from the mix, or ESME_ROK (0) for the rest. */
    int pick() {
        if (percentByStatus.isEmpty()) {
            return 0;
        }
        int r = ThreadLocalRandom.current().nextInt(100);
        for (Map.Entry<Integer, Integer> e : percentByStatus.entrySet()) {
            if (r < e.getValue()) {
                return e.getKey();
            }
            r -= e.getValue();
        }
        return 0;
    }

    @Override
    public String toString() {
        if (percentByStatus.isEmpty()) {
            return "none";
        }
        StringJoiner joined = new StringJoiner(",");
        percentByStatus.forEach((status, share) -> joined.add(SmppStatus.name(status) + "=" + share));
        return joined.toString();
    }
}
