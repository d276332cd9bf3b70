package io.edgegw.sip;

import io.edgegw.core.config.ConfigLoader;
import io.edgegw.sipstack.transaction.TransactionConfig;
import io.edgegw.sipstack.transaction.Workers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Overload control ({@code sip.overloadMillis}): once all the work a worker started for the sustain time (1 s,
 * {@link TransactionConfig#DEFAULT_OVERLOAD_SUSTAIN}) had waited longer than the bound, new INVITEs are answered 503
 * with Retry-After, statelessly, while calls in progress go on and later calls are served. The overload is made on
 * purpose, not hoped for from the machine's speed: the test holds every worker (a task of its own waiting on a latch)
 * with a second task queued behind it that, once let go, keeps the worker busy past the sustain time, as a worker
 * stuck behind a burst would be. That task waited past the bound, so it starts the late run; the burst is sent while
 * the workers are held, so all of it waits behind that task (the workers are the transport's event loops: in the UDP
 * socket, whose wait the socket probe measures) and has been late for longer than the sustain time when it is read.
 */
@Timeout(90)
class OverloadTest {
    private static final int BURST = 50;
    /**
     * How long each worker stays busy once let go: past the sustain time, so the worker has been behind (every task
     * over overloadMillis, 1) without a break for longer than it by the time the burst's INVITEs start.
     */
    private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(TransactionConfig.DEFAULT_OVERLOAD_SUSTAIN + 100);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** A SIP connector of one tenant and one trunk, judged overloaded when work waits over 1 ms (not started). */
    private SipConnector overloadedSoon(int trunkPort) {
        return new SipConnector(ConfigLoader.parse("""
                storage: { dir: '%s' }
                sip: { enabled: true, host: 127.0.0.1, port: 0, overloadMillis: 1 }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, sipSources: [127.0.0.1/32] }
                carriers:
                  - { id: first, sip: { host: 127.0.0.1, port: %d, probe: { intervalMillis: 0 } } }
                routes:
                  - { prefix: '447', carriers: [first] }
                """.formatted(dir.resolve("queues").toAbsolutePath(), trunkPort)), new SimpleMeterRegistry());
    }

    @Test
    void invitesWaitingPastOverloadMillisGet503WithRetryAfterWhileACallInProgressEndsAndLaterCallsComplete()
            throws Exception {
        int trunkPort = Sipp.freeUdpPort();
        SipConnector connector = overloadedSoon(trunkPort);
        connector.start();
        Sipp trunk = Sipp.start(dir.resolve("trunk"), "trunk", trunkPort, "-sn", "uas", "-m", "2");
        Sipp inProgress = null;
        Sipp later = null;
        try (RawSip burst = new RawSip("127.0.0.1")) {
            InetSocketAddress proxy = connector.listeners().get("sip");
            String gateway = "127.0.0.1:" + proxy.getPort();
            inProgress = Sipp.start(dir.resolve("in-progress"), "in-progress", Sipp.freeUdpPort(), "-sn", "uac",
                    gateway, "-s", "4470000001", "-m", "1", "-d", "3000");
            await().atMost(Duration.ofSeconds(20)).until(() -> connector.proxy().callsUp() == 1);

            CountDownLatch busy = holdWorkersBusy(connector.workers());
            for (int i = 0; i < BURST; i++) {
                burst.send(burst.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "burst" + i + "@x"),
                        proxy);
            }
            // All of the burst is now in the proxy's UDP socket (a send on loopback returns once the datagram is
            // queued there): the workers are the transport's event loops, held, so none of it has been read yet.
            Thread.sleep(50); // the busy task behind the held one has waited past overloadMillis (a lower bound)
            busy.countDown();

            Set<String> answered = new HashSet<>();
            for (int i = 0; i < BURST; i++) {
                RawSip.Received r = burst.receive();
                assertEquals(503, r.status(), r::text); // not even a 100 Trying: nothing kept for them
                assertNotNull(r.header("Retry-After"), r::text);
                answered.add(r.header("Call-ID"));
            }
            assertEquals(BURST, answered.size(), "one answer per INVITE: " + answered);
            assertEquals(0, connector.proxy().callsSettingUp());

            Sipp callInProgress = inProgress;
            assertEquals(0, callInProgress.exitCode(), () -> "the call in progress should end normally:\n"
                    + Sipp.reports(callInProgress, trunk));
            later = Sipp.start(dir.resolve("later"), "later", Sipp.freeUdpPort(), "-sn", "uac", gateway,
                    "-s", "4470000003", "-m", "1");
            Sipp laterCall = later;
            assertEquals(0, later.exitCode(), () -> "a call after the burst should complete:\n" + Sipp.reports(laterCall,
                    trunk));
            assertEquals(0, trunk.exitCode(), () -> "the trunk should have had the two calls and no other:\n"
                    + Sipp.reports(trunk));
        } finally {
            if (inProgress != null) {
                inProgress.stop();
            }
            if (later != null) {
                later.stop();
            }
            trunk.stop();
            connector.close();
        }
    }

    /**
     * An INVITE shed with a stateless 503 leaves nothing behind, so its retransmission (sent by the caller before the
     * 503 reached it, and read once the worker had caught up) used to be taken as a new call: routed, answered by the
     * trunk, and its 2xx sent to a caller whose transaction had already ended on the 503 and ignores it. No ACK, no
     * BYE ever: the call held its tenant's and its trunk's places until sip.maxCallSeconds (seen under `edge calls`
     * overload as calls left active on a trunk). A retransmission of a shed INVITE gets the same 503.
     */
    @Test
    void aRetransmissionOfAShedInviteGetsThe503AgainAndNoCallIsLeftHoldingAPlace() throws Exception {
        try (ScriptedTrunk trunk = new ScriptedTrunk(); RawSip caller = new RawSip("127.0.0.1")) {
            trunk.inviteAnswer = 200;
            SipConnector connector = overloadedSoon(trunk.port());
            connector.start();
            try {
                InetSocketAddress proxy = connector.listeners().get("sip");
                String invite = caller.request("INVITE", "4470000009", proxy, RawSip.newBranch(), "shed@x");
                CountDownLatch busy = holdWorkersBusy(connector.workers());
                caller.send(invite, proxy);
                // the busy task behind the held one must have waited past overloadMillis (1 ms) to start the
                // worker's late run; a lower bound only (a slow machine makes the wait longer, never shorter)
                Thread.sleep(50);
                busy.countDown();
                RawSip.Received shed = caller.receive();
                assertEquals(503, shed.status(), shed::text);

                Workers workers = connector.workers();
                // a worker judges itself as it starts work: an idle one is given a task that waited no time
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    boolean caughtUp = true;
                    for (int i = 0; i < workers.size(); i++) {
                        CountDownLatch ran = new CountDownLatch(1);
                        workers.get(i).execute(ran::countDown);
                        ran.await(5, TimeUnit.SECONDS);
                        caughtUp &= !workers.get(i).overloaded();
                    }
                    return caughtUp;
                });
                caller.send(invite, proxy); // the same INVITE again, as Timer A resends it
                RawSip.Received again = caller.receive();
                assertEquals(503, again.status(), () -> "the retransmission should get the same answer:\n"
                        + again.text());
                assertEquals(0, trunk.invites.get(), "a shed INVITE must not reach the trunk");
                assertEquals(0, connector.proxy().callsUp());
                assertEquals(0, connector.proxy().trunkCalls("first"));
                assertEquals(0, connector.proxy().activeCalls("acme"));
            } finally {
                connector.close();
            }
        }
    }

    /**
     * Every worker runs a task of the test's that waits for the returned latch; behind it on the same worker sits a
     * second task that keeps the worker busy for BUSY_NANOS once it starts (it has waited behind the held one, past
     * overloadMillis, so it begins the worker's late run). Returns once all workers are held.
     */
    private static CountDownLatch holdWorkersBusy(Workers workers) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(workers.size());
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).execute(() -> {
                held.countDown();
                try {
                    go.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workers.get(i).execute(() -> {
                long until = System.nanoTime() + BUSY_NANOS;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // work that takes this long, e.g. a burst ahead in the queue
                }
            });
        }
        held.await(10, TimeUnit.SECONDS);
        return go;
    }
}
