package io.edgegw.simulator.smsc;

import io.edgegw.simulator.TestEsme;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultAdminTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatedSmsc smsc;
    private FaultAdmin admin;

    @BeforeEach
    void start() throws Exception {
        smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0));
        admin = FaultAdmin.start(smsc, 0);
    }

    @AfterEach
    void stop() {
        admin.close();
        smsc.close();
    }

    private HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postSetsFaultsGetShowsThemAndClearRestoresTheConfiguredBehaviour() throws Exception {
        HttpResponse<String> set = send("POST", "/faults?silent=true&errors=ESME_RSYSERR=50&latencyMs=200"
                + "&latencyShare=10&refuseBinds=ESME_RBINDFAIL&throttle=100&receipts=off&dropAfterMs=3000");
        assertEquals(200, set.statusCode(), set.body());
        Faults expected = Faults.NONE.withSilent(true).withErrors(ErrorMix.parse("ESME_RSYSERR=50"))
                .withLatency(200, 10).withRefusedBinds(SMPPConstant.STAT_ESME_RBINDFAIL).withThrottle(100)
                .withReceiptLoss(100).withDropAfter(3000);
        assertEquals(expected, smsc.faults().current());
        assertEquals(expected.toText(), send("GET", "/faults").body());

        assertEquals(200, send("POST", "/faults?silent=off").statusCode());
        assertEquals(expected.withSilent(false), smsc.faults().current(), "only the keys given change");

        HttpResponse<String> cleared = send("POST", "/faults/clear");
        assertEquals(200, cleared.statusCode());
        assertEquals(Faults.NONE, smsc.faults().current());
        assertEquals(Faults.NONE.toText(), cleared.body());
    }

    @Test
    void dropNowClosesTheOpenConnections() throws Exception {
        try (TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
            HttpResponse<String> drop = send("POST", "/faults?drop=now");
            assertEquals(200, drop.statusCode());
            assertTrue(drop.body().startsWith("dropped=1\n"), drop.body());
            await().until(() -> !esme.isOpen());
        }
    }

    @Test
    void malformedRequestsGet400WithTheReasonAndChangeNothing() throws Exception {
        assertBadRequest("/faults?silent=on&latencyMs=abc", "error: latencyMs: not a number: 'abc'\n");
        assertBadRequest("/faults?errors=ESME_NOPE=10",
                "error: errors: unknown command_status 'ESME_NOPE' (use a jSMPP name such as ESME_RSYSERR, or hex)\n");
        assertBadRequest("/faults?silent=maybe", "error: silent: expected on or off, got 'maybe'\n");
        assertBadRequest("/faults?receiptLoss=101", "error: receiptLoss must be 0..100 percent: 101\n");
        assertBadRequest("/faults?loud=on", "error: unknown key 'loud'; keys: " + FaultAdmin.KEYS + "\n");
        assertBadRequest("/faults", "error: no fault given; keys: " + FaultAdmin.KEYS + "\n");
        assertEquals(Faults.NONE, smsc.faults().current());

        HttpResponse<String> wrongMethod = send("GET", "/faults/clear");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals(404, send("GET", "/nothing").statusCode());
    }

    private void assertBadRequest(String pathAndQuery, String message) throws Exception {
        HttpResponse<String> response = send("POST", pathAndQuery);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(message, response.body());
    }

    @Test
    void faultCommandChangesAndClearsTheFaultsOfARunningSimulator() throws Exception {
        String url = "http://127.0.0.1:" + admin.port();
        assertEquals(0, new CommandLine(new FaultCommand()).execute("--admin", url, "silent=on",
                "errors=ESME_RSYSERR=10,ESME_RSUBMITFAIL=5", "refuseBinds=ESME_RINVPASWD"));
        assertEquals(Faults.NONE.withSilent(true).withErrors(ErrorMix.parse("ESME_RSYSERR=10,ESME_RSUBMITFAIL=5"))
                .withRefusedBinds(SMPPConstant.STAT_ESME_RINVPASWD), smsc.faults().current());
        assertEquals(0, new CommandLine(new FaultCommand()).execute("--admin", url));
        assertEquals(1, new CommandLine(new FaultCommand()).execute("--admin", url, "throttle=fast"));
        assertEquals(0, new CommandLine(new FaultCommand()).execute("--admin", url + "/", "clear"));
        assertEquals(Faults.NONE, smsc.faults().current());
    }

    @Test
    void simulatorTakesAnAdminPortAndMountsTheFaultCommand() {
        SimulatorCommand command = new SimulatorCommand();
        CommandLine line = new CommandLine(command);
        line.parseArgs("--port", "0", "--admin-port", "8776");
        assertEquals(8776, command.adminPort);
        assertTrue(line.getSubcommands().containsKey("fault"));
    }
}
