package io.edgegw.core.dispatch;

import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.support.TestBind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What becomes of a message once a carrier answered it: retried after a backoff, given up after the tenant's
 * attempts or age with the failed receipt it asked for, paused when the carrier throttles, completed only once
 * what it needs is journaled.
 */
class SubmitOutcomesTest {
    private static final int MAX_ATTEMPTS = 3;

    @TempDir
    Path dir;
    DispatchFixture gw;
    TestBind a;
    TestBind b;

    @BeforeEach
    void start() {
        gw = new DispatchFixture(dir, """
                tenants:
                  - { id: acme, systemId: acme, password: pw, maxSubmitAttempts: %d, maxMessageAgeSeconds: 60 }
                carriers:
                  - { id: telco-a, systemId: gw, password: pw, window: 10, endpoints: [{ host: 127.0.0.1, port: 1 }] }
                  - { id: telco-b, systemId: gw, password: pw, window: 10, endpoints: [{ host: 127.0.0.1, port: 2 }] }
                routes:
                  - { prefix: '44', carriers: [telco-a, telco-b] }
                  - { prefix: '33', carriers: [telco-a] }
                """.formatted(MAX_ATTEMPTS));
        a = gw.bind("telco-a", 10);
        b = gw.bind("telco-b", 10);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void anAcceptedMessageIsCorrelatedThenCompletedOnceThatIsOnDisk() {
        gw.queue("acme", 1, "447700900001", true);
        gw.dispatch();
        gw.answerAll(a, SmppStatus.ESME_ROK);
        RecordingJournal.Correlation c = gw.journal.correlations.get(0);
        assertEquals("telco-a", c.carrierId());
        assertEquals("c-" + c.submit().gatewayMessageId(), c.carrierMessageId());
        assertEquals(1, gw.inboundDepth("acme"), "not complete before its correlation is on disk");
        gw.journalAll();
        assertEquals(0, gw.inboundDepth("acme"));
        assertTrue(gw.journal.failedReceipts.isEmpty());
    }

    @Test
    void aTransientErrorIsTriedAgainAfterItsBackoffOnTheRoutesOtherCarrier() {
        gw.queue("acme", 1, "447700900001", true);
        gw.dispatch();
        gw.answerAll(a, SmppStatus.ESME_RSYSERR);
        gw.clock.advance(Duration.ofMillis(499));
        assertEquals(0, gw.dispatch(), "waits out the backoff");
        gw.clock.advance(Duration.ofMillis(1));
        assertEquals(1, gw.dispatch());
        assertEquals(1, b.offered.size(), "the carrier that failed it is tried last");
        assertSame(a.offered.get(0), b.offered.get(0));
    }

    @Test
    void anUnansweredSubmitIsTriedAgainAtOnce() {
        gw.queue("acme", 1, "447700900001", true);
        gw.dispatch();
        gw.answerAll(a, Inbox.UNANSWERED); // it already waited out the window's timeout
        assertEquals(1, gw.dispatch());
        assertEquals(1, b.offered.size());
    }

    @Test
    void afterMaxSubmitAttemptsItEndsWithAnUndelivReceiptCarryingTheLastError() {
        gw.queue("acme", 1, "447700900001", true);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            assertEquals(1, gw.dispatch(), "attempt " + attempt);
            gw.answerAll(a, SmppStatus.ESME_RSYSERR);
            gw.answerAll(b, SmppStatus.ESME_RSUBMITFAIL);
            gw.clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(0, gw.dispatch(), "no fourth offer");
        assertEquals(2, a.offered.size(), "a, then b, then a again: each retry tries the other carrier first");
        assertEquals(1, b.offered.size());
        RecordingJournal.FailedReceipt r = gw.journal.failedReceipts.get(0);
        assertEquals("UNDELIV", r.stat());
        assertEquals(SmppStatus.ESME_RSYSERR, r.status(), "the receipt carries the last carrier's error");
        assertEquals(1, gw.inboundDepth("acme"), "the receipt is on disk before the message is completed");
        gw.journalAll();
        assertEquals(0, gw.inboundDepth("acme"));
    }

    @Test
    void aMessageNoCarrierTookBeforeItsMaximumAgeEndsWithAnExpiredReceipt() {
        a.ready = false;
        b.ready = false;
        gw.queue("acme", 1, "447700900001", true);
        assertEquals(0, gw.dispatch());
        gw.clock.advance(Duration.ofSeconds(59));
        assertEquals(0, gw.dispatch());
        assertTrue(gw.journal.failedReceipts.isEmpty());
        gw.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, gw.dispatch());
        assertEquals(List.of("EXPIRED"), gw.journal.failedReceipts.stream().map(RecordingJournal.FailedReceipt::stat)
                .toList());
        gw.journalAll();
        assertEquals(0, gw.inboundDepth("acme"));
    }

    @Test
    void throttlingUsesNoAttemptAndSlowsTheBind() {
        gw.queue("acme", 1, "337700900001", true); // telco-a alone on this route
        assertEquals(1, gw.dispatch());
        for (int i = 1; i <= 2 * MAX_ATTEMPTS; i++) {
            gw.answerAll(a, SmppStatus.ESME_RTHROTTLED);
            gw.clock.advance(Duration.ofMillis(49));
            assertEquals(0, gw.dispatch(), "the bind pauses after a throttled answer");
            gw.clock.advance(Duration.ofMillis(951));
            assertEquals(1, gw.dispatch(), "then sends at the rate it learned: offer " + (i + 1));
        }
        assertTrue(gw.journal.failedReceipts.isEmpty(), "throttled answers alone never give a message up");
        assertEquals(1.0, gw.pool("telco-a").learnedRate(a), "halved down to its floor of one a second");
        gw.answerAll(a, SmppStatus.ESME_ROK);
        gw.journalAll();
        assertEquals(0, gw.inboundDepth("acme"));
    }

    @Test
    void aPermanentErrorEndsWithARejectedReceipt() {
        gw.queue("acme", 1, "447700900001", true);
        gw.dispatch();
        gw.answerAll(a, SmppStatus.ESME_RINVDSTADR);
        RecordingJournal.FailedReceipt r = gw.journal.failedReceipts.get(0);
        assertEquals("REJECTD", r.stat());
        assertEquals(SmppStatus.ESME_RINVDSTADR, r.status());
        assertTrue(b.offered.isEmpty(), "not tried elsewhere");
    }

    @Test
    void aMessageNoRouteTakesEndsWithAnUndelivReceipt() {
        gw.queue("acme", 1, "12025550100", true);
        assertEquals(1, gw.dispatch());
        RecordingJournal.FailedReceipt r = gw.journal.failedReceipts.get(0);
        assertEquals("UNDELIV", r.stat());
        assertEquals(SmppStatus.ESME_RINVDSTADR, r.status());
        assertEquals(1.0, gw.metrics.registry().get("edge_submits_no_route").counter().count());
    }

    @Test
    void aGivenUpMessageThatAskedForNoReceiptIsCompletedAtOnce() {
        gw.queue("acme", 1, "447700900001", false);
        gw.dispatch();
        gw.answerAll(a, SmppStatus.ESME_RINVDSTADR);
        assertTrue(gw.journal.failedReceipts.isEmpty());
        assertEquals(0, gw.inboundDepth("acme"));
    }

    @Test
    void aReceiptTheRingHasNoRoomForWaitsAndTheMessageStaysUncompleted() {
        gw.queue("acme", 1, "447700900001", true);
        gw.dispatch();
        gw.journal.full = true;
        gw.answerAll(a, SmppStatus.ESME_RINVDSTADR);
        assertTrue(gw.journal.failedReceipts.isEmpty());
        assertFalse(gw.parts.outcomes().settled());
        assertEquals(0, gw.parts.publishAwaiting(), "still no room");
        gw.journal.full = false;
        assertEquals(1, gw.parts.publishAwaiting());
        assertEquals("REJECTD", gw.journal.failedReceipts.get(0).stat());
        assertEquals(1, gw.inboundDepth("acme"));
        gw.journalAll();
        assertTrue(gw.parts.outcomes().settled());
        assertEquals(0, gw.inboundDepth("acme"));
    }
}
