package io.edgegw.simulator.load;

/**
 * The kinds of text the load generator sends ({@code --text-mix}): today's short GSM text, a 300-character GSM text
 * (two segments), and a 100-unit UCS-2 text with non-Latin letters and an emoji (two segments).
 */
public enum TextKind {
    SHORT, LONG, UNICODE;

    /** The name used in {@code --text-mix} and in the report. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
