package io.edgegw.simulator.sip;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrunkConfigTest {
    @Test
    void mixParsesNamesAndDropsZeroWeights() {
        CallMix mix = CallMix.parse("ANSWER=90, busy=5,UNAVAILABLE=5,NO_ANSWER=0");
        assertEquals(Map.of(CallOutcome.ANSWER, 90, CallOutcome.BUSY, 5, CallOutcome.UNAVAILABLE, 5), mix.weights());
    }

    @Test
    void mixRejectsUnknownNamesNegativeWeightsAndAllZero() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CallMix.parse("RING=1")).getMessage().contains("RING"));
        assertThrows(IllegalArgumentException.class, () -> CallMix.parse("ANSWER"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CallMix.parse("ANSWER=-1,BUSY=2"))
                .getMessage().contains("negative"));
        assertThrows(IllegalArgumentException.class, () -> CallMix.parse("ANSWER=0,BUSY=0"));
    }

    @Test
    void configRejectsBadPortsAndNegativeTimes() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrunkConfig.defaults("127.0.0.1", 65_536))
                .getMessage().contains("port"));
        assertThrows(IllegalArgumentException.class, () -> TrunkConfig.defaults("127.0.0.1", -1));
        TrunkConfig ok = TrunkConfig.defaults("127.0.0.1", 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ok.withTiming(-1, 0)).getMessage().contains("answerLatencyMillis"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ok.withTiming(0, -1)).getMessage().contains("ringMillis"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ok.withCallDuration(-1)).getMessage().contains("callDurationMillis"));
        assertEquals(CallMix.ALL_ANSWERED, new TrunkConfig("127.0.0.1", 5070, null, 0, 0, 0).mix());
    }

    @Test
    void tlsNeedsReadableCertificateAndKeyAndTcpIsOnByDefault() {
        TrunkConfig ok = TrunkConfig.defaults("127.0.0.1", 0);
        assertTrue(ok.tcp());
        assertEquals(-1, ok.tlsPort());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ok.withTls(0, java.nio.file.Path.of("no-such.pem"), java.nio.file.Path.of("no-such.key")))
                .getMessage().contains("tlsCertChain"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ok.withTls(-2, null, null))
                .getMessage().contains("tlsPort"));
    }
}
