package io.edgegw.simulator.load;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which texts a load run sends, by weight ({@code short=70,long=20,unicode=10}), and how a long or Unicode text goes:
 * as one submit_sm with a message_payload TLV, or as UDH-concatenated parts (8-bit reference). Which kind message
 * {@code m} is follows a fixed pattern of {@link #cycle()} messages (smooth weighted round robin), so every run of the
 * same mix sends the same messages in the same order, and a short stretch already holds the mix.
 */
public record TextMix(int shortWeight, int longWeight, int unicodeWeight, LongForm longForm) {
    /** Today's load: every message a short GSM text. */
    public static final TextMix DEFAULT = new TextMix(100, 0, 0, LongForm.PAYLOAD);
    /** Bounds the pattern's length (it is held as an array). */
    static final int MAX_TOTAL_WEIGHT = 10_000;

    /** How a text longer than one segment is submitted. */
    public enum LongForm {
        /** One submit_sm, the text in the message_payload TLV. */
        PAYLOAD,
        /** One submit_sm per part, each with a UDH concatenation header (IEI 0x00, 8-bit reference). */
        UDH;

        /** {@code payload} or {@code udh}, as {@code --long-as} takes it. */
        public static LongForm parse(String value) {
            for (LongForm form : values()) {
                if (form.name().equalsIgnoreCase(value.trim())) {
                    return form;
                }
            }
            throw new IllegalArgumentException("--long-as must be payload or udh: " + value);
        }
    }

    public TextMix {
        if (shortWeight < 0 || longWeight < 0 || unicodeWeight < 0) {
            throw new IllegalArgumentException("text mix weights must be >= 0");
        }
        long total = (long) shortWeight + longWeight + unicodeWeight;
        if (total == 0 || total > MAX_TOTAL_WEIGHT) {
            throw new IllegalArgumentException("text mix weights must add up to 1.." + MAX_TOTAL_WEIGHT + ": " + total);
        }
        if (longForm == null) {
            longForm = LongForm.PAYLOAD;
        }
    }

    /** Parses {@code short=70,long=20,unicode=10}; a kind left out weighs 0. */
    public static TextMix parse(String spec, LongForm longForm) {
        Map<TextKind, Integer> weights = new EnumMap<>(TextKind.class);
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--text-mix is empty: give e.g. short=70,long=20,unicode=10");
        }
        for (String entry : spec.split(",", -1)) {
            String[] kv = entry.split("=", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--text-mix entry is not kind=weight: '" + entry + "'");
            }
            TextKind kind = kind(kv[0].trim());
            int weight;
            try {
                weight = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--text-mix weight of " + kind.label() + " is not a number: '"
                        + kv[1].trim() + "'");
            }
            if (weights.put(kind, weight) != null) {
                throw new IllegalArgumentException("--text-mix names " + kind.label() + " twice");
            }
        }
        return new TextMix(weights.getOrDefault(TextKind.SHORT, 0), weights.getOrDefault(TextKind.LONG, 0),
                weights.getOrDefault(TextKind.UNICODE, 0), longForm);
    }

    private static TextKind kind(String name) {
        for (TextKind kind : TextKind.values()) {
            if (kind.label().equals(name.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--text-mix kind must be short, long or unicode: '" + name + "'");
    }

    /** Only today's short texts: the run is the one it was before the option existed. */
    public boolean shortOnly() {
        return longWeight == 0 && unicodeWeight == 0;
    }

    int weight(TextKind kind) {
        return switch (kind) {
            case SHORT -> shortWeight;
            case LONG -> longWeight;
            case UNICODE -> unicodeWeight;
        };
    }

    /** The kinds of messages 0..total-1, repeated for ever: each kind as often as its weight, spread evenly. */
    TextKind[] cycle() {
        TextKind[] kinds = TextKind.values();
        int total = shortWeight + longWeight + unicodeWeight;
        TextKind[] cycle = new TextKind[total];
        long[] current = new long[kinds.length];
        for (int i = 0; i < total; i++) {
            int best = -1;
            for (int k = 0; k < kinds.length; k++) {
                current[k] += weight(kinds[k]);
                if (weight(kinds[k]) > 0 && (best < 0 || current[k] > current[best])) {
                    best = k;
                }
            }
            current[best] -= total;
            cycle[i] = kinds[best];
        }
        return cycle;
    }

    /** As {@code --text-mix} would take it, e.g. {@code short=70,long=20,unicode=10 (long as udh)}. */
    public String describe() {
        return "short=" + shortWeight + ",long=" + longWeight + ",unicode=" + unicodeWeight
                + (shortOnly() ? "" : " (long as " + longForm.name().toLowerCase(Locale.ROOT) + ")");
    }
}
