package io.edgegw.core.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiptIdsConfigTest {
    private static final String CARRIER = "carriers:\n  - id: a\n    systemId: s\n    password: p\n    endpoints:\n      - {host: h, port: 1}\n";

    @Test
    void aCarrierMatchesReceiptIdsAsIsUnlessConfiguredForOneConversion() {
        assertEquals(ReceiptIds.AS_IS, ConfigLoader.parse(CARRIER).carriers().get(0).receiptIds());
        assertEquals(ReceiptIds.DECIMAL_TO_HEX, ConfigLoader.parse(CARRIER + "    receiptIds: decimal-to-hex\n")
                .carriers().get(0).receiptIds());
        assertEquals(ReceiptIds.HEX_TO_DECIMAL, ConfigLoader.parse(CARRIER + "    receiptIds: hex-to-decimal\n")
                .carriers().get(0).receiptIds());
    }

    @Test
    void anUnknownWayIsRefusedNamingTheFieldAndTheKnownWays() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(CARRIER + "    receiptIds: any-base\n"));
        assertTrue(e.getMessage().contains("carriers[0].receiptIds"), e.getMessage());
        assertTrue(e.getMessage().contains("as-is, decimal-to-hex, hex-to-decimal"), e.getMessage());
        assertTrue(e.getMessage().contains("any-base"), e.getMessage());
    }
}
