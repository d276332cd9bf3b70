package io.edgegw.simulator.sip;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Relative weights of call outcomes, e.g. {@code ANSWER=90,BUSY=5,UNAVAILABLE=5}. */
public record CallMix(Map<CallOutcome, Integer> weights) {
    public static final CallMix ALL_ANSWERED = new CallMix(Map.of(CallOutcome.ANSWER, 1));

    public CallMix {
        EnumMap<CallOutcome, Integer> copy = new EnumMap<>(CallOutcome.class);
        int total = 0;
        for (Map.Entry<CallOutcome, Integer> e : weights.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("mix: weight of " + e.getKey() + " is negative");
            }
            if (e.getValue() > 0) {
                copy.put(e.getKey(), e.getValue());
                total += e.getValue();
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("mix: at least one weight must be positive");
        }
        weights = Map.copyOf(copy);
    }

    /** Parses {@code ANSWER=90,BUSY=5,UNAVAILABLE=5,NO_ANSWER=0}; names are {@link CallOutcome}s. */
    public static CallMix parse(String text) {
        Map<CallOutcome, Integer> weights = new EnumMap<>(CallOutcome.class);
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("mix: expected NAME=weight, got '" + part + "'");
            }
            try {
                weights.put(CallOutcome.valueOf(kv[0].trim().toUpperCase()), Integer.parseInt(kv[1].trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mix: bad entry '" + part + "' (names: "
                        + Arrays.toString(CallOutcome.values()) + ")");
            }
        }
        return new CallMix(weights);
    }

    public CallOutcome pick() {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int r = ThreadLocalRandom.current().nextInt(total);
        for (CallOutcome outcome : CallOutcome.values()) {
            int w = weights.getOrDefault(outcome, 0);
            if (r < w) {
                return outcome;
            }
            r -= w;
        }
        throw new IllegalStateException("unreachable");
    }
}
