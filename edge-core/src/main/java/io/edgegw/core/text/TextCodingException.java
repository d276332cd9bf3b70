package io.edgegw.core.text;

/**
 * Text that an alphabet cannot carry (encoding), or octets that are not text in it (decoding). It names the offending
 * character or octet and where it sits, so the error can go back to a tenant as something they can fix; the library
 * never substitutes a '?' instead.
 */
public final class TextCodingException extends IllegalArgumentException {
    private final Alphabet alphabet;
    private final int index;

    private TextCodingException(Alphabet alphabet, int index, String message) {
        super(message);
        this.alphabet = alphabet;
        this.index = index;
    }

    /** The character (code point) at {@code index} of {@code text} is not in {@code alphabet}. */
    static TextCodingException unencodable(Alphabet alphabet, CharSequence text, int index) {
        int cp = Character.codePointAt(text, index);
        String shown = cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp) ? "unpaired surrogate" : "'" + Character.toString(cp) + "'";
        return new TextCodingException(alphabet, index, String.format("%s (U+%04X) at index %d cannot be carried by %s",
                shown, cp, index, alphabet.displayName()));
    }

    /** The octet(s) at {@code offset} are not text in {@code alphabet}; {@code why} says how. */
    static TextCodingException undecodable(Alphabet alphabet, int offset, String why) {
        return new TextCodingException(alphabet, offset,
                String.format("%s at offset %d is not %s text", why, offset, alphabet.displayName()));
    }

    /** Text that is carried by {@code alphabet} but no longer fits where it must go; {@code message} says why. */
    static TextCodingException doesNotFit(Alphabet alphabet, int index, String message) {
        return new TextCodingException(alphabet, index, message);
    }

    /** The alphabet that refused. */
    public Alphabet alphabet() {
        return alphabet;
    }

    /** The index of the character in the text (encoding), or the offset of the octet in the input (decoding). */
    public int index() {
        return index;
    }
}
