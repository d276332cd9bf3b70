package io.edgegw.smpp.carrier;

import io.edgegw.core.config.LongMessages;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.text.Alphabet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a bind cuts a long message for a carrier that takes parts, and what the parts' answers add up to. */
class PartedSubmitTest {
    private static OutboundSubmit submit(int dataCoding, byte[] payload) {
        ShortMessage m = new ShortMessage((byte) 5, (byte) 0, "Acme", (byte) 1, (byte) 1, "447700900123", (byte) 0,
                (byte) 0, (byte) 0, (byte) 1, (byte) dataCoding, payload);
        return new OutboundSubmit() {
            @Override
            public String tenantId() {
                return "acme";
            }

            @Override
            public String gatewayMessageId() {
                return "1a";
            }

            @Override
            public ShortMessage message() {
                return m;
            }
        };
    }

    @Test
    void aGsmEscapePairIsNeverSplit() {
        byte[] septets = new byte[300];
        Arrays.fill(septets, (byte) 'a');
        septets[152] = 0x1B; // ESC + '(' is '{': two septets, the 153rd and 154th
        septets[153] = 0x28;
        PartedSubmit p = PartedSubmit.split(submit(0, septets), LongMessages.UDH, Alphabet.GSM7, 0x1FF);
        assertEquals(2, p.size());
        assertArrayEquals(new byte[] {5, 0, 3, (byte) 0xFF, 2, 1}, Arrays.copyOf(p.parts[0].payload(), 6),
                "the 8 low bits of the reference");
        assertEquals(6 + 152, p.parts[0].payload().length, "the pair moves whole to the next part");
        assertEquals(0x1B, p.parts[1].payload()[6]);
        assertTrue((p.parts[0].esmClass() & 0x40) != 0, "UDHI set");
    }

    @Test
    void ucs2PartsHold67CharactersAndASurrogatePairIsNeverSplit() {
        String text = "\u0416".repeat(66) + "\uD83D\uDE00" + "\u0416".repeat(10); // the pair at 67th and 68th
        byte[] octets = text.getBytes(StandardCharsets.UTF_16BE);
        PartedSubmit p = PartedSubmit.split(submit(8, octets), LongMessages.SAR, Alphabet.GSM7, 0xBEEF);
        assertEquals(2, p.size());
        assertEquals(132, p.parts[0].payload().length, "66 code units: the pair would not fit the 67th place");
        assertEquals(ShortMessage.sar(0xBEEF, 2, 1), p.parts[0].sar());
        assertEquals(ShortMessage.sar(0xBEEF, 2, 2), p.parts[1].sar());
        assertEquals(0, p.parts[1].esmClass() & 0x40, "SAR parts carry no UDH");
        assertEquals(text, new String(p.parts[0].payload(), StandardCharsets.UTF_16BE)
                + new String(p.parts[1].payload(), StandardCharsets.UTF_16BE));
    }

    @Test
    void eightBitPartsHold134Octets() {
        PartedSubmit p = PartedSubmit.split(submit(4, new byte[300]), LongMessages.UDH, Alphabet.GSM7, 1);
        assertEquals(3, p.size());
        assertEquals(6 + 134, p.parts[0].payload().length);
        assertEquals(6 + 32, p.parts[2].payload().length);
    }

    @Test
    void whatFitsOneSegmentOrIsAPartAlreadyIsNotSplit() {
        byte[] gsm160 = new byte[160];
        Arrays.fill(gsm160, (byte) 'a');
        assertTrue(PartedSubmit.mayNeedParts(LongMessages.UDH, submit(0, gsm160).message()));
        assertNull(PartedSubmit.split(submit(0, gsm160), LongMessages.UDH, Alphabet.GSM7, 1), "160 septets fit one");
        assertFalse(PartedSubmit.mayNeedParts(LongMessages.PAYLOAD, submit(0, new byte[300]).message()));
        assertFalse(PartedSubmit.mayNeedParts(LongMessages.SAR, submit(0, new byte[140]).message()));
        ShortMessage m = submit(0, new byte[300]).message();
        ShortMessage withUdh = new ShortMessage(m.sourceTon(), m.sourceNpi(), m.sourceAddr(), m.destTon(),
                m.destNpi(), m.destAddr(), (byte) 0x40, m.protocolId(), m.priorityFlag(), m.registeredDelivery(),
                m.dataCoding(), m.payload());
        assertFalse(PartedSubmit.mayNeedParts(LongMessages.UDH, withUdh), "a header of its own: sent whole");
    }

    @Test
    void moreThan255PartsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PartedSubmit.split(submit(4, new byte[134 * 255 + 1]), LongMessages.SAR, Alphabet.GSM7, 1));
        assertEquals(255, PartedSubmit.split(submit(4, new byte[134 * 255]), LongMessages.SAR, Alphabet.GSM7, 1)
                .size());
    }

    @Test
    void theCoreHearsOnceOkWithEveryPartsIdOrOnceTheFirstFailure() {
        List<String> heard = new ArrayList<>();
        PartedSubmit.Report report = new PartedSubmit.Report() {
            @Override
            public void allOk(OutboundSubmit whole, String[] carrierIds) {
                heard.add("ok " + String.join(",", carrierIds));
            }

            @Override
            public void failed(OutboundSubmit whole, int status) {
                heard.add("failed " + status);
            }
        };
        PartedSubmit ok = PartedSubmit.split(submit(4, new byte[300]), LongMessages.UDH, Alphabet.GSM7, 1);
        ok.answered(2, 0, "c3", true, report);
        ok.answered(0, 0, "c1", true, report);
        assertEquals(List.of(), heard, "not before every part is answered");
        ok.answered(1, 0, "c2", true, report);
        assertEquals(List.of("ok c1,c2,c3"), heard, "ids in part order");

        heard.clear();
        PartedSubmit refused = PartedSubmit.split(submit(4, new byte[300]), LongMessages.UDH, Alphabet.GSM7, 2);
        refused.answered(0, 0, "c4", true, report);
        refused.answered(1, 0x58, null, false, report);
        refused.failed(-1, report);
        refused.answered(2, 0, "c6", true, report);
        assertEquals(List.of("failed 88"), heard, "the first failure, once");
    }
}
