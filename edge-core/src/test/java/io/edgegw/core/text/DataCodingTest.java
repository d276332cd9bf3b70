package io.edgegw.core.text;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The data_coding octet read as an alphabet (SMPP 3.4 §5.2.19, GSM 03.38 coding groups). */
class DataCodingTest {
    private static final Alphabet GSM = Alphabet.GSM7;

    @Test
    void zeroIsWhateverTheSmscDefaultIs() {
        assertEquals(Optional.of(Alphabet.GSM7), DataCoding.alphabet(0, Alphabet.GSM7));
        assertEquals(Optional.of(Alphabet.IA5), DataCoding.alphabet(0, Alphabet.IA5));
        assertEquals(Optional.of(Alphabet.LATIN1), DataCoding.alphabet(0, Alphabet.LATIN1));
        assertThrows(IllegalArgumentException.class, () -> DataCoding.alphabet(0, Alphabet.UCS2));
        assertThrows(IllegalArgumentException.class, () -> DataCoding.alphabet(0, Alphabet.BINARY));
    }

    @Test
    void theSmppCodingsMapToTheirAlphabets() {
        assertEquals(Optional.of(Alphabet.IA5), DataCoding.alphabet(1, GSM));
        assertEquals(Optional.of(Alphabet.BINARY), DataCoding.alphabet(2, GSM));
        assertEquals(Optional.of(Alphabet.LATIN1), DataCoding.alphabet(3, GSM));
        assertEquals(Optional.of(Alphabet.BINARY), DataCoding.alphabet(4, GSM));
        assertEquals(Optional.of(Alphabet.UCS2), DataCoding.alphabet(8, GSM));
        for (int other : new int[] {5, 6, 7, 9, 0x0A, 0x0D, 0x0E, 0x0F, 0x10, 0x18, 0x7F, 0xBF}) {
            assertEquals(Optional.empty(), DataCoding.alphabet(other, GSM), "data_coding " + other);
            assertEquals(Alphabet.BINARY, DataCoding.forCounting(other, GSM), "counted as octets: " + other);
        }
        assertEquals(Alphabet.UCS2, DataCoding.forCounting(8, GSM));
    }

    @Test
    void theMessageClassGroupsBit2ChoosesEightBitOverGsm() {
        for (int dc = 0xF0; dc <= 0xFF; dc++) {
            Optional<Alphabet> expected = (dc & 0x08) != 0 ? Optional.empty()
                    : Optional.of((dc & 0x04) != 0 ? Alphabet.BINARY : Alphabet.GSM7);
            assertEquals(expected, DataCoding.alphabet(dc, Alphabet.LATIN1), Integer.toHexString(dc));
        }
        assertEquals(Optional.of(Alphabet.GSM7), DataCoding.alphabet(0xF1, Alphabet.LATIN1), "not the default");
        assertEquals(Optional.of(Alphabet.BINARY), DataCoding.alphabet(0xF6, GSM));
    }

    @Test
    void theMessageWaitingGroupsAreGsmOrUcs2() {
        assertEquals(Optional.of(Alphabet.GSM7), DataCoding.alphabet(0xC0, Alphabet.IA5));
        assertEquals(Optional.of(Alphabet.GSM7), DataCoding.alphabet(0xD8, Alphabet.IA5));
        assertEquals(Optional.of(Alphabet.UCS2), DataCoding.alphabet(0xE8, GSM));
    }

    @Test
    void aValueThatIsNotAnOctetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DataCoding.alphabet(256, GSM));
        assertThrows(IllegalArgumentException.class, () -> DataCoding.alphabet(-1, GSM));
    }

    @Test
    void theOctetForAnAlphabetDependsOnThePeersDefault() {
        assertEquals(OptionalInt.of(0), DataCoding.octetFor(Alphabet.GSM7, GSM));
        assertEquals(OptionalInt.empty(), DataCoding.octetFor(Alphabet.GSM7, Alphabet.LATIN1),
                "no class-free explicit GSM coding");
        assertEquals(OptionalInt.of(3), DataCoding.octetFor(Alphabet.LATIN1, GSM));
        assertEquals(OptionalInt.of(0), DataCoding.octetFor(Alphabet.LATIN1, Alphabet.LATIN1));
        assertEquals(OptionalInt.of(1), DataCoding.octetFor(Alphabet.IA5, GSM));
        assertEquals(OptionalInt.of(8), DataCoding.octetFor(Alphabet.UCS2, GSM));
        assertEquals(OptionalInt.of(4), DataCoding.octetFor(Alphabet.BINARY, GSM));
        for (Alphabet a : Alphabet.values()) {
            for (Alphabet def : new Alphabet[] {Alphabet.GSM7, Alphabet.IA5, Alphabet.LATIN1}) {
                OptionalInt octet = DataCoding.octetFor(a, def);
                if (octet.isPresent()) {
                    assertEquals(Optional.of(a), DataCoding.alphabet(octet.getAsInt(), def), a + " on " + def);
                }
            }
        }
    }
}
