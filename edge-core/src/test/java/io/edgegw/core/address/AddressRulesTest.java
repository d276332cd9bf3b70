package io.edgegw.core.address;

import io.edgegw.core.message.ShortMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14: the sender rules and the E.164 number plan, as the submit path uses them. */
class AddressRulesTest {
    private static final NumberPlan UK = new NumberPlan("44", "0", "00");
    private static final AddressRules ACME = new AddressRules(List.of(
            rule(SenderRule.Type.ALPHANUMERIC, "ACME.*"),
            rule(SenderRule.Type.SHORTCODE, "12345"),
            rule(SenderRule.Type.NUMBER, "4470000\\d{5}")), UK);

    private static SenderRule rule(SenderRule.Type type, String pattern) {
        return new SenderRule(type, Pattern.compile(pattern));
    }

    @Test
    void destinationsBecomeE164() {
        assertEquals("447700900123", UK.normalise(Ton.NATIONAL, "07700900123"));
        assertEquals("447700900123", UK.normalise(Ton.UNKNOWN, "07700900123"));
        assertEquals("447700900123", UK.normalise(Ton.NATIONAL, "7700900123"), "national without trunk prefix");
        assertEquals("447700900123", UK.normalise(Ton.INTERNATIONAL, "+447700900123"));
        assertEquals("447700900123", UK.normalise(Ton.UNKNOWN, "00447700900123"));
        assertEquals("33612345678", UK.normalise(Ton.NATIONAL, "+33612345678"), "'+' wins over the TON");
        String asWritten = "447700900123";
        assertSame(asWritten, UK.normalise(Ton.INTERNATIONAL, asWritten), "unchanged: no copy");
        assertSame(asWritten, UK.normalise(Ton.UNKNOWN, asWritten), "TON 0 without prefix: as written");
        assertEquals("85000", UK.normalise(Ton.UNKNOWN, "85000"), "a TON 0 short number stays");
    }

    @Test
    void internationalNumbersAreSevenToFifteenDigits() {
        assertNull(UK.normalise(Ton.INTERNATIONAL, "4477009001234567"), "16 digits");
        assertNull(UK.normalise(Ton.INTERNATIONAL, "123456"), "6 digits");
        assertNull(UK.normalise(Ton.INTERNATIONAL, "44770090abc"));
        assertNull(UK.normalise(Ton.INTERNATIONAL, "+"));
        assertNull(UK.normalise(Ton.INTERNATIONAL, ""));
        assertNull(UK.normalise(Ton.NATIONAL, "077009001234567"), "44 + 14 digits is 16");
        assertNull(UK.normalise(Ton.UNKNOWN, "9".repeat(21)), "longer than any SMPP address");
        assertEquals("1234567", UK.normalise(Ton.INTERNATIONAL, "1234567"));
    }

    @Test
    void otherTonsAndTenantsWithoutAPlanKeepTheirDestination() {
        String shortCode = "ab12";
        assertSame(shortCode, ACME.destination((byte) 6, shortCode), "abbreviated: not a number to check");
        String anything = "not a number at all";
        assertSame(anything, AddressRules.NONE.destination(Ton.INTERNATIONAL, anything));
    }

    @Test
    void sendersMustMatchARuleOfTheirType() {
        assertTrue(ACME.senderAllowed(Ton.ALPHANUMERIC, "ACME"));
        assertTrue(ACME.senderAllowed(Ton.ALPHANUMERIC, "ACME Ltd"));
        assertFalse(ACME.senderAllowed(Ton.ALPHANUMERIC, "EVIL"));
        assertFalse(ACME.senderAllowed(Ton.UNKNOWN, "ACME"), "an alphanumeric id needs TON 5");
        assertFalse(ACME.senderAllowed(Ton.ALPHANUMERIC, "ACME1234567X"), "12 characters");
        assertFalse(ACME.senderAllowed(Ton.ALPHANUMERIC, "ACME{x}"), "not GSM basic alphabet");
        assertTrue(ACME.senderAllowed(Ton.NETWORK_SPECIFIC, "12345"));
        assertTrue(ACME.senderAllowed(Ton.UNKNOWN, "12345"));
        assertFalse(ACME.senderAllowed(Ton.ALPHANUMERIC, "12345"), "a short code with TON 5 is an alphanumeric id");
        assertTrue(ACME.senderAllowed(Ton.INTERNATIONAL, "447000012345"));
        assertTrue(ACME.senderAllowed(Ton.INTERNATIONAL, "+447000012345"));
        assertTrue(ACME.senderAllowed(Ton.NATIONAL, "07000012345"), "matched after normalisation");
        assertFalse(ACME.senderAllowed(Ton.INTERNATIONAL, "447100012345"));
        assertFalse(ACME.senderAllowed(Ton.INTERNATIONAL, ""));
        assertTrue(AddressRules.NONE.senderAllowed(Ton.ALPHANUMERIC, "ANYONE"));
    }

    @Test
    void aHostileSenderIsRefusedBeforeAnyPatternSeesIt() {
        AddressRules backtracking = new AddressRules(List.of(rule(SenderRule.Type.ALPHANUMERIC, "(A+)+B")), null);
        assertFalse(backtracking.senderAllowed(Ton.ALPHANUMERIC, "A".repeat(64)), "longer than 20: never matched");
        assertFalse(backtracking.senderAllowed(Ton.ALPHANUMERIC, "A".repeat(11)), "11 is the most it sees");
    }

    @Test
    void theGateCountsRefusalsAndCopiesOnlyARewrittenMessage() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AddressGate gate = new AddressGate("acme", ACME, meters);
        ShortMessage e164 = message(Ton.ALPHANUMERIC, "ACME", Ton.INTERNATIONAL, "447700900123");
        assertNull(gate.checkSource(e164));
        assertSame(e164, gate.routable(e164));

        ShortMessage national = message(Ton.ALPHANUMERIC, "ACME", Ton.NATIONAL, "07700900123");
        ShortMessage routed = gate.routable(national);
        assertEquals("447700900123", routed.destAddr());
        assertEquals(Ton.INTERNATIONAL, routed.destTon());
        assertEquals(Ton.NPI_ISDN, routed.destNpi());
        assertSame(national.payload(), routed.payload());

        assertEquals(AddressGate.Refusal.SOURCE, gate.checkSource(message(Ton.ALPHANUMERIC, "EVIL", (byte) 1, "1")));
        assertNull(gate.routable(message(Ton.ALPHANUMERIC, "ACME", Ton.INTERNATIONAL, "44abc")));
        assertEquals(1.0, count(meters, "source_address"));
        assertEquals(1.0, count(meters, "destination_address"));

        AddressGate open = new AddressGate("plain", AddressRules.NONE, meters);
        ShortMessage anything = message((byte) 0, "", (byte) 9, "x");
        assertNull(open.checkSource(anything));
        assertSame(anything, open.routable(anything));
    }

    private static double count(SimpleMeterRegistry meters, String reason) {
        return meters.get("edge_tenant_submits_refused").tag("tenant", "acme").tag("reason", reason).counter().count();
    }

    private static ShortMessage message(byte sourceTon, String source, byte destTon, String dest) {
        return new ShortMessage(sourceTon, (byte) 1, source, destTon, (byte) 1, dest, (byte) 0, (byte) 0, (byte) 0,
                (byte) 0, (byte) 0, new byte[] {'h', 'i'});
    }
}
