package io.edgegw.core.dispatch;

import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.support.TestBind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher's own thread sleeping with nothing to do, for an hour at a time here (a tick's time when it runs),
 * and woken by whoever gives it work: a report or command through its inbox, a batch the journal wrote. While
 * something waits for time to pass (a message with no bind ready) it still looks again within a millisecond. Each
 * bounded wait below is far shorter than the hour a missed wake-up would cost.
 */
class DispatcherWakeUpTest {
    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long BOUND_MILLIS = 30_000;

    @TempDir
    Path dir;
    private TenantQueues queue;
    private Inbox inbox;
    private Dispatcher dispatcher;

    @BeforeEach
    void start() {
        GatewayConfig config = ConfigLoader.parse("""
                storage: { dir: '%s', minFreeMegabytes: 0 }
                tenants:
                  - { id: acme, systemId: acme, password: pw }
                carriers:
                  - { id: telco, systemId: gw, password: pw, endpoints: [{ host: 127.0.0.1, port: 1 }] }
                routes:
                  - { prefix: '44', carriers: [telco] }
                """.formatted(dir));
        queue = new TenantQueues(dir, "acme", 0, RollCycleNames.forName(config.storage().rollCycle()));
        inbox = new Inbox();
        dispatcher = new Dispatcher(config, List.of(queue), inbox, new RecordingJournal(), null,
                new GatewayMetrics(config), AN_HOUR);
        dispatcher.start();
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        queue.close();
    }

    @Test
    void aCommandOfferedWhileTheDispatcherSleepsIsRunWithoutWaitingForTheSleepToEnd() throws Exception {
        await(dispatcher::asleep, "the dispatcher sleeps with nothing to do");
        DispatcherStatus status = dispatcher.control().status().get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(status);
        assertEquals(1, status.tenants().size());
    }

    @Test
    void aMessageTheJournalWroteWhileTheDispatcherSleepsIsSentAtOnce() {
        TestBind bind = new TestBind("telco", "telco/test#1", 10);
        inbox.register(bind);
        await(dispatcher::asleep, "the dispatcher sleeps with nothing to do");
        DispatchFixture.append(queue, 1, System.currentTimeMillis(), "447700900001", false);
        inbox.batchJournaled(); // as the journal thread does at the end of its batch
        await(() -> bind.offered.size() == 1, "the message is offered to the bind");
    }

    @Test
    void aMessageWaitingForABindIsSentWhenTheBindIsBackThoughNothingRings() {
        TestBind bind = new TestBind("telco", "telco/test#1", 10);
        bind.ready = false;
        inbox.register(bind);
        DispatchFixture.append(queue, 1, System.currentTimeMillis(), "447700900001", false);
        inbox.batchJournaled();
        // a command completes in the round that applies it, before that round reads the queue: after two, a round
        // has read the message, found no bind ready and kept it for the next look
        dispatcher.control().status().join();
        dispatcher.control().status().join();
        assertTrue(bind.offered.isEmpty(), "nothing offered to a bind that is not ready");
        bind.ready = true; // a bind reconnecting tells the dispatcher nothing: it must look again by itself
        await(() -> bind.offered.size() == 1, "the message is offered once the bind is ready");
    }

    @Test
    void aReceiptHeldBackByATenantThatStoppedReadingIsOfferedOnceItReadsThoughNothingRings() {
        WindowedReceiver receiver = new WindowedReceiver("acme", 10);
        receiver.writable = false;
        inbox.register(receiver);
        DispatchFixture.appendReceipt(queue, "r1");
        inbox.batchJournaled();
        dispatcher.control().status().join();
        dispatcher.control().status().join();
        assertTrue(receiver.offered.isEmpty(), "nothing offered to a tenant channel that takes no writes");
        receiver.writable = true; // Netty's writability comes back: the dispatcher is not told, it must look again
        await(() -> receiver.offered.size() == 1, "the receipt is offered once the channel takes writes");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "not within " + BOUND_MILLIS + " ms: " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
