package io.edgegw.simulator.smsc;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Relative weights of receipt outcomes, e.g. {@code DELIVRD=90,UNDELIV=10}. */
public record OutcomeMix(Map<ReceiptOutcome, Integer> weights) {
    public static final OutcomeMix ALL_DELIVERED = new OutcomeMix(Map.of(ReceiptOutcome.DELIVRD, 1));
    private static final ReceiptOutcome[] OUTCOMES = ReceiptOutcome.values();

    public OutcomeMix {
        EnumMap<ReceiptOutcome, Integer> copy = new EnumMap<>(ReceiptOutcome.class);
        int total = 0;
        for (Map.Entry<ReceiptOutcome, Integer> e : weights.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("outcomes: weight of " + e.getKey() + " is negative");
            }
            if (e.getValue() > 0) {
                copy.put(e.getKey(), e.getValue());
                total += e.getValue();
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("outcomes: at least one weight must be positive");
        }
        weights = Map.copyOf(copy);
    }

    /** Parses {@code DELIVRD=90,UNDELIV=10}; names are the receipt stat: values. */
    public static OutcomeMix parse(String text) {
        Map<ReceiptOutcome, Integer> weights = new EnumMap<>(ReceiptOutcome.class);
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("outcomes: expected NAME=weight, got '" + part + "'");
            }
            try {
                weights.put(ReceiptOutcome.valueOf(kv[0].trim().toUpperCase()), Integer.parseInt(kv[1].trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("outcomes: bad entry '" + part + "' (names: DELIVRD, UNDELIV, EXPIRED, REJECTD)");
            }
        }
        return new OutcomeMix(weights);
    }

    /** Called per accepted submit: no stream, no array copy, and no random draw for a mix of one outcome. */
    public ReceiptOutcome pick() {
        if (weights.size() == 1) {
            return weights.keySet().iterator().next();
        }
        int total = 0;
        for (ReceiptOutcome outcome : OUTCOMES) {
            total += weights.getOrDefault(outcome, 0);
        }
        int r = ThreadLocalRandom.current().nextInt(total);
        for (ReceiptOutcome outcome : OUTCOMES) {
            int w = weights.getOrDefault(outcome, 0);
            if (r < w) {
                return outcome;
            }
            r -= w;
        }
        throw new IllegalStateException("unreachable");
    }
}
