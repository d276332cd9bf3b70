package io.edgegw.core.dispatch;

import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.message.TenantDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receipts and MO toward the tenant: held until it has a receiver, offered in order, offered again after a pause
 * when refused, moved to the dead-letter queue after the tenant's attempts, completed only once that is on disk.
 */
class DeliveryPumpTest {
    private static final int MAX_ATTEMPTS = 3;

    @TempDir
    Path dir;
    DispatchFixture gw;

    @BeforeEach
    void start() {
        gw = new DispatchFixture(dir, """
                tenants:
                  - { id: acme, systemId: acme, password: pw, maxDeliveryAttempts: %d }
                carriers:
                  - { id: telco, systemId: gw, password: pw, endpoints: [{ host: 127.0.0.1, port: 1 }] }
                routes:
                  - { prefix: '44', carriers: [telco] }
                """.formatted(MAX_ATTEMPTS));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void deliveriesWaitForAReceiverThenGoInTheirOrder() {
        for (int i = 1; i <= 3; i++) {
            gw.queueReceipt("acme", "r" + i);
        }
        assertEquals(0, gw.deliver(), "no receiver bound");
        WindowedReceiver r = gw.receiver("acme", 10);
        assertEquals(3, gw.deliver());
        assertEquals(List.of("r1", "r2", "r3"), r.offered.stream().map(TenantDelivery::receiptedMessageId).toList());
        r.offered.forEach(d -> gw.answerDelivery(r, d, SmppStatus.ESME_ROK));
        assertEquals(0, gw.outboundDepth("acme"));
    }

    @Test
    void aFullReceiverWindowHoldsTheRestBack() {
        for (int i = 1; i <= 3; i++) {
            gw.queueReceipt("acme", "r" + i);
        }
        WindowedReceiver r = gw.receiver("acme", 2);
        assertEquals(2, gw.deliver());
        assertEquals(0, gw.deliver());
        gw.answerDelivery(r, r.offered.get(0), SmppStatus.ESME_ROK);
        assertEquals(1, gw.deliver());
        assertEquals("r3", r.offered.get(2).receiptedMessageId());
    }

    @Test
    void aRefusedDeliveryIsOfferedAgainAfterAPauseGrowingWithEachAttempt() {
        gw.queueReceipt("acme", "r1");
        WindowedReceiver r = gw.receiver("acme", 10);
        gw.deliver();
        gw.answerDelivery(r, r.offered.get(0), SmppStatus.ESME_RX_T_APPN);
        gw.clock.advance(Duration.ofMillis(999));
        assertEquals(0, gw.deliver());
        gw.clock.advance(Duration.ofMillis(1));
        assertEquals(1, gw.deliver(), "one second after the first refusal");
        gw.answerDelivery(r, r.offered.get(1), SmppStatus.ESME_RX_T_APPN);
        gw.clock.advance(Duration.ofMillis(1999));
        assertEquals(0, gw.deliver());
        gw.clock.advance(Duration.ofMillis(1));
        assertEquals(1, gw.deliver(), "two seconds after the second");
        assertSame(r.offered.get(0), r.offered.get(2));
        assertEquals(1, gw.outboundDepth("acme"));
    }

    @Test
    void anUnansweredDeliveryIsOfferedAgainAtOnce() {
        gw.queueReceipt("acme", "r1");
        WindowedReceiver r = gw.receiver("acme", 10);
        gw.deliver();
        gw.answerDelivery(r, r.offered.get(0), Inbox.UNANSWERED); // it already waited out the window's timeout
        assertEquals(1, gw.deliver());
    }

    @Test
    void afterMaxDeliveryAttemptsItMovesToTheDeadLetterQueueAndIsCompletedOnceThere() {
        gw.queueReceipt("acme", "r1");
        gw.queueReceipt("acme", "r2");
        WindowedReceiver r = gw.receiver("acme", 1);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            assertEquals(1, gw.deliver(), "attempt " + attempt);
            assertEquals("r1", r.offered.get(r.offered.size() - 1).receiptedMessageId(), "r2 waits behind it");
            gw.answerDelivery(r, r.offered.get(r.offered.size() - 1), SmppStatus.ESME_RX_P_APPN);
            gw.clock.advance(Duration.ofSeconds(10));
        }
        RecordingJournal.DeadLetter dead = gw.journal.deadLetters.get(0);
        assertEquals("r1", dead.delivery().receiptedMessageId());
        assertEquals(MAX_ATTEMPTS, dead.attempts());
        assertEquals(SmppStatus.ESME_RX_P_APPN, dead.lastStatus());
        assertEquals(2, gw.outboundDepth("acme"), "not completed before the dead letter is on disk");
        gw.journalAll();
        assertEquals(1, gw.outboundDepth("acme"));
        assertEquals(1.0, gw.metrics.registry().get("edge_tenant_dead_letters").tag("tenant", "acme").counter()
                .count());
        assertEquals(1, gw.deliver());
        assertEquals("r2", r.offered.get(r.offered.size() - 1).receiptedMessageId(), "the next one goes");
    }

    @Test
    void aDeadLetterTheJournalCouldNotWriteIsOfferedAgainAMinuteLater() {
        gw.queueReceipt("acme", "r1");
        WindowedReceiver r = gw.receiver("acme", 10);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            gw.deliver();
            gw.answerDelivery(r, r.offered.get(r.offered.size() - 1), SmppStatus.ESME_RX_T_APPN);
            gw.clock.advance(Duration.ofSeconds(10));
        }
        gw.journalAll(false); // a journal error: it stays in the outbound queue
        assertEquals(1, gw.outboundDepth("acme"));
        gw.clock.advance(Duration.ofSeconds(59));
        assertEquals(0, gw.deliver());
        gw.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, gw.deliver());
        gw.answerDelivery(r, r.offered.get(r.offered.size() - 1), SmppStatus.ESME_RX_T_APPN);
        assertEquals(2, gw.journal.deadLetters.size(), "refused once more, it tries the dead-letter queue again");
        assertTrue(gw.parts.deliveries().inFlight() == 0);
    }
}
