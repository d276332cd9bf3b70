package io.edgegw.simulator.sip;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallLoadTest {
    private static TrunkConfig trunk(String mix) {
        return TrunkConfig.defaults("127.0.0.1", 0).withMix(CallMix.parse(mix));
    }

    @Test
    void everyCallIsAnsweredAndHungUpWhenTheTrunkAnswersAll() throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(trunk("ANSWER=1"));
             CallLoad load = new CallLoad(CallLoadConfig.of("127.0.0.1", trunk.port(), 200, 50, "4470"))) {
            CallReport report = load.run();

            assertEquals(50, report.placed(), report.text());
            assertEquals(50, report.answered(), report.text());
            assertEquals(Map.of(), report.failedByCode(), report.text());
            assertEquals(0, report.timedOut(), report.text());
            assertTrue(report.nothingLost(), report.text());
            assertTrue(report.setupMaxMillis() > 0 && report.setupP50Millis() <= report.setupP99Millis(), report.text());
            assertEquals(50, trunk.counters().invites());
            await().until(() -> trunk.counters().byesReceived() == 50);
        }
    }

    @Test
    void busyTrunkFailsEveryCallWith486() throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(trunk("BUSY=1"));
             CallLoad load = new CallLoad(CallLoadConfig.of("127.0.0.1", trunk.port(), 200, 30, "4470"))) {
            CallReport report = load.run();

            assertEquals(30, report.placed(), report.text());
            assertEquals(0, report.answered(), report.text());
            assertEquals(Map.of(486, 30L), report.failedByCode(), report.text());
            assertTrue(report.nothingLost(), report.text());
            assertTrue(report.text().contains("failed       30 (486=30)"), report.text());
        }
    }

    @Test
    void answeredCallsAreHeldBeforeTheByeAndConcurrencyIsBounded() throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(trunk("ANSWER=1"));
             CallLoad load = new CallLoad(CallLoadConfig.of("127.0.0.1", trunk.port(), 100, 10, "4470")
                     .withHold(100).withMaxConcurrent(2))) {
            CallReport report = load.run();

            assertEquals(10, report.placed(), report.text());
            assertEquals(10, report.answered(), report.text());
            await().until(() -> trunk.counters().byesReceived() == 10);
        }
    }

    @Test
    void aSilentTargetTimesEveryCallOut() throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(trunk("ANSWER=1"));
             CallLoad load = new CallLoad(new CallLoadConfig("127.0.0.1", trunk.port(), "127.0.0.1", 100, 3, 10,
                     "4470", 0, 300))) {
            trunk.silent(true);
            CallReport report = load.run();

            assertEquals(3, report.placed(), report.text());
            assertEquals(3, report.timedOut(), report.text());
            assertTrue(!report.nothingLost(), report.text());
        }
    }
}
