package io.edgegw.smpp.carrier;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.testing.GatewayConfigs;
import io.edgegw.smpp.FakeCore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.edgegw.smpp.carrier.SmppCarrierBindTest.freePort;
import static io.edgegw.smpp.carrier.SmppCarrierBindTest.message;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorDisableTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int RECONNECT_DELAY_MILLIS = 100;
    /** Twice the reconnect delay plus its jitter: long enough for a reconnect that should not happen. */
    private static final Duration QUIET = Duration.ofMillis(2 * RECONNECT_DELAY_MILLIS * 6 / 5 + 100);

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private FakeCore core;
    private TestSmsc smsc;
    private SmppCarrierBind bind;
    private int port;

    @AfterEach
    void stop() {
        if (bind != null) {
            bind.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (smsc != null) {
            smsc.stop();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void startBind(boolean withSmsc) throws Exception {
        port = freePort();
        if (withSmsc) {
            smsc = new TestSmsc(port);
        }
        CarrierConfig carrier = GatewayConfigs.carrier("carrierA").endpoint("127.0.0.1", port).window(10)
                .responseTimeoutMillis(5_000).reconnectDelayMillis(RECONNECT_DELAY_MILLIS).build();
        core = new FakeCore(List.of(), List.of(carrier), 30);
        bind = new SmppCarrierBind(core, carrier, carrier.endpoints().get(0), 1, group.next());
        bind.start();
    }

    @Test
    void disabledBindUnbindsReportsItsInFlightUnansweredAndStaysDisabledUntilEnabled() throws Exception {
        startBind(true);
        await().atMost(WAIT).until(bind::isReady);
        smsc.answerSubmits = false;
        assertTrue(bind.offer(new SmppCarrierBindTest.Outbound("acme", "gw-1", message("a"))));
        assertTrue(bind.offer(new SmppCarrierBindTest.Outbound("acme", "gw-2", message("b"))));
        bind.flush();
        await().atMost(WAIT).until(() -> smsc.submits.size() == 2);

        bind.setEnabled(false);
        bind.setEnabled(false);
        await().atMost(WAIT).until(() -> bind.state() == BindState.DISABLED);
        assertEquals("disabled by operator", bind.stateReason());
        assertEquals(2, core.submitsUnanswered.size(), "in flight goes back to be sent again");
        await().atMost(WAIT).until(() -> smsc.sessionsEnded.get() == 1);
        assertEquals(1, smsc.unbinds.get(), "the SMSC saw one unbind");
        assertTrue(core.stateChanges.stream().anyMatch(c -> c.from() == BindState.BOUND
                && c.to() == BindState.UNBINDING && c.reason().equals("disabled by operator")));

        await().during(QUIET).atMost(QUIET.plus(WAIT)).until(() -> bind.state() == BindState.DISABLED
                && smsc.bindAttempts.get() == 1);
        assertEquals(List.of(bind), core.carrierBinds, "still registered, so it can be enabled again");
        assertFalse(bind.isReady());
        assertFalse(bind.offer(new SmppCarrierBindTest.Outbound("acme", "gw-3", message("c"))));

        bind.setEnabled(true);
        bind.setEnabled(true);
        await().atMost(WAIT).until(bind::isReady);
        smsc.answerSubmits = true;
        assertTrue(bind.offer(new SmppCarrierBindTest.Outbound("acme", "gw-4", message("d"))));
        bind.flush();
        await().atMost(WAIT).until(() -> core.submitResponses.size() == 1);
        assertEquals(2, smsc.bindAttempts.get(), "enabling twice binds once");
    }

    @Test
    void disablingABindWaitingToReconnectCancelsTheReconnect() throws Exception {
        startBind(false); // nobody listens: connects fail and a reconnect is always pending
        await().atMost(WAIT).until(() -> core.stateChanges.stream()
                .filter(c -> c.to() == BindState.CONNECTING).count() >= 2);

        bind.setEnabled(false);
        await().atMost(WAIT).until(() -> bind.state() == BindState.DISABLED);
        int changes = core.stateChanges.size();
        await().during(QUIET).atMost(QUIET.plus(WAIT)).until(() -> bind.state() == BindState.DISABLED
                && core.stateChanges.size() == changes);

        smsc = new TestSmsc(port);
        bind.setEnabled(true);
        await().atMost(WAIT).until(bind::isReady);
    }

    @Test
    void aBindEnabledAgainWhileStillUnbindingBindsAgainOnceItsOldConnectionEnds() throws Exception {
        startBind(true);
        await().atMost(WAIT).until(bind::isReady);
        smsc.answerUnbinds = false; // the old connection lasts until the gateway stops waiting for unbind_resp (1 s)
        bind.setEnabled(false);
        bind.setEnabled(true); // on the bind's event loop right after: its old connection is still ending
        await().atMost(WAIT).until(() -> bind.isReady() && smsc.bindAttempts.get() == 2);
        assertEquals(1, smsc.unbinds.get());
        assertTrue(core.stateChanges.stream().noneMatch(c -> c.to() == BindState.DISABLED),
                "enabled before it was down: it never settled disabled " + core.stateChanges);
        assertTrue(core.stateChanges.stream().anyMatch(c -> c.from() == BindState.UNBINDING
                && c.to() == BindState.DOWN), "it went down with the old connection, then dialled again");
    }
}
