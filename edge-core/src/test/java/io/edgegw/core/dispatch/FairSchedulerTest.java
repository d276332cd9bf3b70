package io.edgegw.core.dispatch;

import io.edgegw.core.message.OutboundSubmit;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tenants share the carriers' window slots by weight; one that is quiet holds none and is never starved. */
class FairSchedulerTest {
    private static final int WINDOW = 40;
    /** The slots of each bind kept for tenants below their share: a tenth of the window. */
    private static final int RESERVE = 4;

    @TempDir
    Path dir;
    DispatchFixture gw;
    TestBind bind;

    @BeforeEach
    void start() {
        gw = new DispatchFixture(dir, """
                tenants:
                  - { id: big, systemId: big, password: pw, weight: 3 }
                  - { id: small, systemId: small, password: pw }
                carriers:
                  - { id: telco, systemId: gw, password: pw, window: %d, endpoints: [{ host: 127.0.0.1, port: 1 }] }
                routes:
                  - { prefix: '44', carriers: [telco] }
                """.formatted(WINDOW));
        bind = gw.bind("telco", WINDOW);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void weightsShareTheWindowWhenBothTenantsHaveABacklog() {
        gw.queue("big", 3000, "447700900001", false);
        gw.queue("small", 3000, "447700900002", false);
        for (int round = 0; round < 100; round++) {
            gw.dispatch();
            gw.answerAll(bind, SmppStatus.ESME_ROK);
            gw.journalAll();
            gw.clock.advance(Duration.ofMillis(10));
        }
        long big = sentBy("big");
        long small = sentBy("small");
        assertTrue(big + small > 90 * WINDOW, "the window was kept full: " + (big + small));
        double share = (double) big / (big + small);
        // weight 3 against 1: about three quarters of the slots (plain round robin would give half)
        assertTrue(share > 0.7 && share < 0.8, "big sent " + big + " against small's " + small);
    }

    @Test
    void aTenantThatWentQuietHoldsNoReservedSlotsAfterASecond() {
        gw.queue("big", 1000, "447700900001", false);
        gw.queue("small", 1, "447700900002", false);
        gw.dispatch();
        assertEquals(1, sentBy("small"));
        gw.answerAll(bind, SmppStatus.ESME_ROK);

        gw.clock.advance(Duration.ofMillis(500));
        gw.dispatch();
        assertEquals(RESERVE, bind.availableWindow(), "small sent half a second ago: the last slots wait for it");

        gw.clock.advance(Duration.ofMillis(600));
        gw.dispatch();
        assertEquals(0, bind.availableWindow(), "small has sent nothing for a second: big may take every slot");
        assertEquals(1, sentBy("small"));
    }

    @Test
    void aNoisyTenantCannotStarveAQuietOne() {
        gw.queue("big", 3000, "447700900001", false);
        gw.dispatch();
        assertEquals(WINDOW, sentBy("big"), "alone, big takes the whole window");
        gw.queue("small", 1, "447700900002", false);
        int rounds = 0;
        while (sentBy("small") == 0 && rounds < 50) {
            gw.answerOldest(bind, 10, SmppStatus.ESME_ROK); // the carrier answers in batches
            gw.clock.advance(Duration.ofMillis(5));
            gw.dispatch();
            rounds++;
        }
        assertEquals(1, sentBy("small"));
        assertTrue(rounds <= 2, "the quiet tenant's message waited " + rounds + " batches of answers behind "
                + gw.inboundDepth("big") + " of the noisy tenant's");
    }

    @Test
    void aPausedTenantSendsNothingWhileTheOtherTakesTheWindow() throws Exception {
        gw.queue("big", 100, "447700900001", false);
        gw.queue("small", 100, "447700900002", false);
        var paused = gw.control.tenantPaused("big", true);
        gw.applyReports();
        assertEquals(false, paused.get());
        gw.dispatch();
        assertEquals(0, sentBy("big"));
        assertEquals(WINDOW, sentBy("small"));
    }

    private long sentBy(String tenant) {
        List<OutboundSubmit> offered = bind.offered;
        return offered.stream().filter(s -> s.tenantId().equals(tenant)).count();
    }
}
