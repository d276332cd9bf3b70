package io.edgegw.core.text;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The SMPP data_coding octet (SMPP 3.4 §5.2.19) read as an alphabet. The core names no protocol library, so the values
 * are spelled out here, once. Groups 0xC0..0xFF are the GSM 03.38 (TS 23.038 §4) groups SMPP refers to; the other
 * SMPP codings (JIS, Cyrillic, Hebrew, pictogram, ISO-2022-JP, Kanji, KS C 5601) and the reserved values are not
 * alphabets this library reads: {@link #alphabet} answers empty and {@link #forCounting} counts them as octets.
 */
public final class DataCoding {
    /** SMSC default alphabet: which one is a per-SMSC setting. */
    public static final int SMSC_DEFAULT = 0x00;
    public static final int IA5 = 0x01;
    public static final int OCTET_UNSPECIFIED_2 = 0x02;
    public static final int LATIN1 = 0x03;
    public static final int OCTET_UNSPECIFIED_4 = 0x04;
    public static final int UCS2 = 0x08;

    private DataCoding() {
    }

    /**
     * The alphabet of a data_coding octet.
     *
     * @param dataCoding  the octet, 0..255
     * @param smscDefault what 0 means for this peer: {@link Alphabet#GSM7}, {@link Alphabet#IA5} or
     *                    {@link Alphabet#LATIN1}
     * @return the alphabet, or empty for a coding this library does not read
     */
    public static Optional<Alphabet> alphabet(int dataCoding, Alphabet smscDefault) {
        checkDefault(smscDefault);
        if (dataCoding < 0 || dataCoding > 0xFF) {
            throw new IllegalArgumentException("data_coding " + dataCoding + " is not an octet");
        }
        Alphabet a = switch (dataCoding) {
            case SMSC_DEFAULT -> smscDefault;
            case IA5 -> Alphabet.IA5;
            case OCTET_UNSPECIFIED_2, OCTET_UNSPECIFIED_4 -> Alphabet.BINARY;
            case LATIN1 -> Alphabet.LATIN1;
            case UCS2 -> Alphabet.UCS2;
            default -> group(dataCoding);
        };
        return Optional.ofNullable(a);
    }

    /**
     * The alphabet to count segments by: {@link #alphabet}, or {@link Alphabet#BINARY} (octets, 140 / 134) for a
     * coding it does not read, which is how an SMSC bills any coding that is not 7-bit.
     */
    public static Alphabet forCounting(int dataCoding, Alphabet smscDefault) {
        return alphabet(dataCoding, smscDefault).orElse(Alphabet.BINARY);
    }

    /**
     * The data_coding octet that says {@code alphabet} to a peer whose default is {@code smscDefault}, without setting
     * a message class: GSM 7-bit only as the peer's default (0), since its explicit codings (0xF0..0xF3) also set a
     * class (class 0 is a flash message).
     */
    public static OptionalInt octetFor(Alphabet alphabet, Alphabet smscDefault) {
        checkDefault(smscDefault);
        if (alphabet == smscDefault) {
            return OptionalInt.of(SMSC_DEFAULT);
        }
        return switch (alphabet) {
            case GSM7 -> OptionalInt.empty();
            case IA5 -> OptionalInt.of(IA5);
            case LATIN1 -> OptionalInt.of(LATIN1);
            case UCS2 -> OptionalInt.of(UCS2);
            case BINARY -> OptionalInt.of(OCTET_UNSPECIFIED_4);
        };
    }

    /** The GSM 03.38 coding groups SMPP 3.4 points to for 0xC0..0xFF; null for the rest. */
    private static Alphabet group(int dataCoding) {
        return switch (dataCoding >> 4) {
            // message waiting indication, discard (0xC_) or store (0xD_): GSM 7-bit; store, UCS-2 (0xE_)
            case 0xC, 0xD -> Alphabet.GSM7;
            case 0xE -> Alphabet.UCS2;
            // data coding / message class: bit 3 reserved, bit 2 chooses 8-bit data over GSM 7-bit, bits 1-0 the class
            case 0xF -> (dataCoding & 0x08) != 0 ? null : (dataCoding & 0x04) != 0 ? Alphabet.BINARY : Alphabet.GSM7;
            default -> null;
        };
    }

    private static void checkDefault(Alphabet smscDefault) {
        if (smscDefault != Alphabet.GSM7 && smscDefault != Alphabet.IA5 && smscDefault != Alphabet.LATIN1) {
            throw new IllegalArgumentException("an SMSC default alphabet is GSM 7-bit, IA5 or Latin-1, not "
                    + smscDefault);
        }
    }
}
