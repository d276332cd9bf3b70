package io.edgegw.core.dispatch;

import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.support.TestBind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which carrier takes a message: route order (priority, then cost), only carriers that may take traffic now, and
 * the state each carrier shows operators in Kamailio's words.
 */
class CarrierSelectionTest {
    @TempDir
    Path dir;
    DispatchFixture gw;
    TestBind cheap;
    TestBind dear;
    TestBind backup;

    @BeforeEach
    void start() {
        gw = new DispatchFixture(dir, """
                tenants:
                  - { id: acme, systemId: acme, password: pw }
                carriers:
                  - { id: dear, systemId: gw, password: pw, window: 5, endpoints: [{ host: 127.0.0.1, port: 1 }] }
                  - { id: cheap, systemId: gw, password: pw, window: 5, endpoints: [{ host: 127.0.0.1, port: 2 }] }
                  - { id: backup, systemId: gw, password: pw, window: 5, endpoints: [{ host: 127.0.0.1, port: 3 }] }
                routes:
                  - prefix: '44'
                    carriers:
                      - { id: backup, priority: 2 }
                      - { id: dear, cost: 0.003, priority: 1 }
                      - { id: cheap, cost: 0.001, priority: 1 }
                quality: { minSamples: 5, minSuccessRatio: 0.8, restSeconds: 5, probeStartPerSecond: 10 }
                """);
        cheap = gw.bind("cheap", 5);
        dear = gw.bind("dear", 5);
        backup = gw.bind("backup", 5);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void candidatesAreTriedByPriorityThenCostEachUntilItsWindowIsFull() {
        gw.queue("acme", 14, "447700900001", false);
        assertEquals(14, gw.dispatch());
        assertEquals(5, cheap.offered.size(), "priority 1, cheapest: first");
        assertEquals(5, dear.offered.size(), "priority 1, dearer: once the cheap one is full");
        assertEquals(4, backup.offered.size(), "priority 2: last");
        assertTrue(cheap.offered.get(0).gatewayMessageId().compareTo(dear.offered.get(0).gatewayMessageId()) < 0);
    }

    @Test
    void aCarrierWhoseBindsAreAllDownIsInactiveAndItsRouteFailsOver() {
        cheap.ready = false;
        gw.queue("acme", 3, "447700900001", false);
        gw.dispatch();
        assertEquals(0, cheap.offered.size());
        assertEquals(3, dear.offered.size());
        assertEquals(DestinationState.INACTIVE, gw.pool("cheap").state());
        assertEquals(DestinationState.ACTIVE, gw.pool("dear").state());

        cheap.ready = true; // it binds again
        assertEquals(DestinationState.ACTIVE, gw.pool("cheap").state());
        gw.queue("acme", 1, "447700900001", false);
        gw.dispatch();
        assertEquals(1, cheap.offered.size(), "back first in its route");
    }

    @Test
    void aFailingCarrierRestsInactiveThenTakesAProbingTrickle() {
        gw.queue("acme", 5, "447700900001", false);
        gw.dispatch();
        gw.answerAll(cheap, SmppStatus.ESME_RSYSERR); // five failures in five answers: below the 80% floor
        assertEquals(DestinationState.INACTIVE, gw.pool("cheap").state());

        gw.clock.advance(Duration.ofSeconds(1));
        gw.queue("acme", 4, "447700900001", false);
        gw.dispatch();
        assertEquals(5, cheap.offered.size(), "resting: nothing more for it");
        assertEquals(5, dear.offered.size(), "the retries went to the next candidate");
        assertEquals(4, backup.offered.size(), "and the new messages after them");
        gw.answerAll(dear, SmppStatus.ESME_ROK);
        gw.answerAll(backup, SmppStatus.ESME_ROK);

        gw.clock.advance(Duration.ofSeconds(5)); // restSeconds
        gw.queue("acme", 5, "447700900001", false);
        gw.dispatch();
        assertEquals(6, cheap.offered.size(), "probing: one message of the trickle");
        assertEquals(DestinationState.PROBING, gw.pool("cheap").state());
        assertEquals(5 + 4, dear.offered.size(), "the rest still goes to the next candidate");
    }

    @Test
    void aDrainedCarrierIsDisabledAndTakesNothingEvenWhenItIsTheLastCandidateUp() throws Exception {
        var was = gw.control.carrier("cheap", OperatorMode.DRAINING);
        gw.applyReports();
        assertEquals(OperatorMode.ENABLED, was.get(1, TimeUnit.SECONDS));
        assertEquals(DestinationState.DISABLED, gw.pool("cheap").state());
        gw.queue("acme", 2, "447700900001", false);
        gw.dispatch();
        assertEquals(0, cheap.offered.size());
        assertEquals(2, dear.offered.size());

        dear.ready = false;
        backup.ready = false;
        gw.queue("acme", 1, "447700900001", false);
        assertEquals(0, gw.dispatch(), "it waits rather than go to a drained carrier");
        assertEquals(0, cheap.offered.size());
    }

    @Test
    void aCarrierWhoseEveryBindAnOperatorDrainedIsDisabled() throws Exception {
        gw.control.bind(cheap.name(), OperatorMode.DRAINING);
        gw.applyReports();
        assertEquals(DestinationState.DISABLED, gw.pool("cheap").state(), "still bound, but takes nothing");
        gw.queue("acme", 1, "447700900001", false);
        gw.dispatch();
        assertEquals(0, cheap.offered.size());
        gw.control.bind(cheap.name(), OperatorMode.ENABLED);
        gw.applyReports();
        assertEquals(DestinationState.ACTIVE, gw.pool("cheap").state());
    }

    @Test
    void theCarrierStateGaugeSaysActiveProbingInactiveOrDisabled() throws Exception {
        dear.ready = false;
        gw.control.carrier("backup", OperatorMode.DISABLED);
        gw.applyReports();
        gw.parts.carriers().publishStates();
        assertEquals(0, gauge("cheap"), "active");
        assertEquals(2, gauge("dear"), "inactive: no bind up");
        assertEquals(3, gauge("backup"), "disabled by an operator");
        var view = gw.control.status();
        gw.applyReports();
        DispatcherStatus s = view.get(1, TimeUnit.SECONDS);
        assertEquals(DestinationState.ACTIVE, s.carriers().get(1).state());
        assertEquals(DestinationState.INACTIVE, s.carriers().get(0).state());
        assertEquals(DestinationState.DISABLED, s.carriers().get(2).state());
        assertEquals("ACTIVE", s.carriers().get(0).quality(), "its quality alone is fine");
    }

    private double gauge(String carrier) {
        return gw.metrics.registry().get("edge_carrier_state").tag("carrier", carrier).gauge().value();
    }
}
