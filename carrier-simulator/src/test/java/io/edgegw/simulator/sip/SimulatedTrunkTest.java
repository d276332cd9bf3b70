package io.edgegw.simulator.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedTrunkTest {
    /** Upper bound for anything that should arrive; never a measured duration. */
    private static final long WAIT_MS = 5_000;
    /** How long a silent trunk is watched for answers it must not send. */
    private static final long QUIET_MS = 1_000;

    private final List<AutoCloseable> open = new ArrayList<>();

    private SimulatedTrunk trunk(TrunkConfig config) throws Exception {
        SimulatedTrunk trunk = SimulatedTrunk.start(config);
        open.add(trunk);
        return trunk;
    }

    private TestUac caller(SimulatedTrunk trunk) throws Exception {
        TestUac uac = new TestUac("127.0.0.1", trunk.port());
        open.add(0, uac);
        return uac;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static TrunkConfig config(String mix) {
        return TrunkConfig.defaults("127.0.0.1", 0).withMix(CallMix.parse(mix));
    }

    @Test
    void answeredCallRingsThenAnswersWithToTagAndCallerHangsUp() throws Exception {
        SimulatedTrunk trunk = trunk(config("ANSWER=1").withTiming(0, 50));
        TestUac uac = caller(trunk);
        assertTrue(trunk.port() > 0);

        TestUac.Call call = uac.invite();
        assertEquals("INVITE 180", call.await("INVITE 180", WAIT_MS));
        assertEquals("INVITE 200", call.await("INVITE 200", WAIT_MS));
        assertNotNull(TestUac.toTag(call.lastFinal), "200 OK carries the To-tag of the dialog");
        uac.ack(call);
        uac.bye(call);
        assertEquals("BYE 200", call.await("BYE 200", WAIT_MS));

        assertEquals(1, trunk.counters().invites());
        assertEquals(1, trunk.counters().answered());
        await().until(() -> trunk.counters().byesReceived() == 1);
    }

    @Test
    void answersCarryTheInvitesRecordRouteSoTheCallersByeGoesBackThroughTheProxies() throws Exception {
        SimulatedTrunk trunk = trunk(config("ANSWER=1"));
        TestUac uac = caller(trunk);

        TestUac.Call call = uac.invite("<sip:10.0.0.1:5060;lr;token=a>", "<sip:10.0.0.2:5060;lr>");
        assertEquals("INVITE 200", call.await("INVITE 200", WAIT_MS));
        List<String> routes = new ArrayList<>();
        call.lastFinal.getHeaders(javax.sip.header.RecordRouteHeader.NAME)
                .forEachRemaining(h -> routes.add(((javax.sip.header.RecordRouteHeader) h).getAddress().toString()));
        assertEquals(List.of("<sip:10.0.0.1:5060;lr;token=a>", "<sip:10.0.0.2:5060;lr>"), routes);
    }

    @Test
    void trunkHangsUpAnsweredCallAfterCallDuration() throws Exception {
        SimulatedTrunk trunk = trunk(config("ANSWER=1").withCallDuration(200));
        TestUac uac = caller(trunk);

        TestUac.Call call = uac.invite();
        assertEquals("INVITE 200", call.await("INVITE 200", WAIT_MS));
        uac.ack(call);
        assertEquals("BYE received", call.await("BYE received", WAIT_MS));
        assertEquals(1, trunk.counters().byesSent());
    }

    @Test
    void busyOutcomeAnswers486() throws Exception {
        SimulatedTrunk trunk = trunk(config("BUSY=1"));
        TestUac.Call call = caller(trunk).invite();
        assertEquals("INVITE 486", call.await("INVITE 486", WAIT_MS));
        assertEquals(1, trunk.counters().busy());
    }

    @Test
    void unavailableOutcomeAnswers503AfterTheAnswerLatency() throws Exception {
        SimulatedTrunk trunk = trunk(config("UNAVAILABLE=1").withTiming(100, 0));
        TestUac.Call call = caller(trunk).invite();
        assertEquals("INVITE 503", call.await("INVITE 503", WAIT_MS));
        assertEquals(1, trunk.counters().unavailable());
    }

    @Test
    void unansweredCallKeepsRingingUntilCancelledThen487() throws Exception {
        SimulatedTrunk trunk = trunk(config("NO_ANSWER=1"));
        TestUac uac = caller(trunk);
        TestUac.Call call = uac.invite();
        assertEquals("INVITE 180", call.await("INVITE 180", WAIT_MS));

        uac.cancel(call);
        Set<String> seen = new HashSet<>();
        while (!seen.containsAll(Set.of("CANCEL 200", "INVITE 487"))) {
            String event = call.next(WAIT_MS);
            assertNotNull(event, "CANCEL 200 and INVITE 487 expected, saw " + seen);
            seen.add(event);
        }
        assertEquals(1, trunk.counters().cancels());
        assertEquals(1, trunk.counters().terminated());
        assertEquals(0, trunk.counters().answered());
    }

    @Test
    void optionsAnswered200() throws Exception {
        SimulatedTrunk trunk = trunk(config("ANSWER=1"));
        TestUac.Call ping = caller(trunk).options();
        assertEquals("OPTIONS 200", ping.await("OPTIONS 200", WAIT_MS));
        assertEquals(1, trunk.counters().options());
    }

    @Test
    void silentTrunkAnswersNothingUntilSilenceEnds() throws Exception {
        SimulatedTrunk trunk = trunk(config("ANSWER=1"));
        TestUac uac = caller(trunk);
        trunk.silent(true);

        TestUac.Call ping = uac.options();
        TestUac.Call call = uac.invite();
        assertNull(ping.next(QUIET_MS), "no answer to OPTIONS while silent");
        assertNull(call.next(0), "no answer to INVITE while silent");
        await().until(() -> trunk.counters().ignored() >= 2);
        assertTrue(trunk.statusLine().contains("SILENT"));

        trunk.silent(false);
        assertEquals("OPTIONS 200", uac.options().await("OPTIONS 200", WAIT_MS));
    }

    @Test
    void closedTrunkLeavesNoStackThreadBehind() throws Exception {
        long before = eventThreads();
        SimulatedTrunk trunk = SimulatedTrunk.start(config("ANSWER=1"));
        trunk.close();
        await().until(() -> eventThreads() <= before);
    }

    /** The threads a trunk starts: transport event loops, transaction workers, the timer wheel. */
    private static long eventThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sip-") && t.isAlive()).count();
    }

    @Test
    void evenMixOverFortyCallsPlaysBothOutcomes() throws Exception {
        SimulatedTrunk trunk = trunk(config("ANSWER=1,BUSY=1"));
        TestUac uac = caller(trunk);
        int answered = 0;
        int busy = 0;
        for (int i = 0; i < 40; i++) {
            TestUac.Call call = uac.invite();
            String last;
            do {
                last = call.next(WAIT_MS);
                assertNotNull(last, "call " + i + " got no final answer");
            } while (last.equals("INVITE 100") || last.equals("INVITE 180"));
            if (last.equals("INVITE 200")) {
                answered++;
                uac.ack(call);
                uac.bye(call);
                assertEquals("BYE 200", call.await("BYE 200", WAIT_MS));
            } else {
                assertEquals("INVITE 486", last);
                busy++;
            }
        }
        assertTrue(answered > 0 && busy > 0, "answered=" + answered + " busy=" + busy);
        assertEquals(40, answered + busy);
        assertEquals(40, trunk.counters().answered() + trunk.counters().busy());
        assertEquals(40, trunk.counters().invites());
    }
}
