package io.edgegw.deploy;

import io.edgegw.sip.config.SipConfig;
import io.edgegw.sip.config.SipTenant;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigException;
import io.edgegw.simulator.sip.CallLoad;
import io.edgegw.simulator.sip.CallLoadConfig;
import io.edgegw.simulator.sip.CallMix;
import io.edgegw.simulator.sip.CallReport;
import io.edgegw.simulator.smsc.OutcomeMix;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a person meets first: the built-in config, a bad config, and {@code edge demo}. */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void builtInConfigHasTheDemoTenantAndTwoSimulatedCarriers() {
        EdgeConfigFile file = EdgeConfigFile.defaults();
        assertEquals("demo", file.gateway().tenants().get(0).systemId());
        assertEquals(2775, file.gateway().smpp().port());
        assertEquals(8080, file.gateway().admin().port());
        assertEquals(2, file.simulators().size());
        SmscConfig simA = file.simulators().get(0);
        assertEquals("sim-a", simA.id());
        assertEquals(2776, simA.port());
        assertEquals("edge", simA.systemId());
        assertEquals(1, simA.submitLatencyMillis());
        assertEquals(50, simA.receiptDelayMillis());
        assertEquals(OutcomeMix.ALL_DELIVERED, simA.outcomes());
        assertEquals(java.util.Arrays.asList(8091, 8092), file.simulatorAdminPorts());
        // tenant demo is rated, by the plan ./edge demo rates with too
        assertEquals("demo", file.gateway().pricing().tenantPlans().get("demo"));
        assertEquals(io.edgegw.core.config.ConfigLoader.parse("tenants: [{ id: demo, systemId: demo, password: demo }]\n"
                + DemoCommand.DEMO_PRICING).pricing(), file.gateway().pricing());
    }

    @Test
    void builtInConfigListensForSipAndHasATrunkPerCarrier() {
        EdgeConfigFile file = EdgeConfigFile.defaults();
        assertTrue(SipConfig.of(file.gateway()).enabled());
        assertEquals("127.0.0.1", SipConfig.of(file.gateway()).host());
        assertEquals(5060, SipConfig.of(file.gateway()).port());
        assertEquals(java.util.List.of("127.0.0.1/32"), SipTenant.of(file.gateway().tenants().get(0)).sipSources());
        assertEquals(java.util.Set.of("sim-a", "sim-b"), file.sipTrunks().keySet());
        assertEquals(5070, file.sipTrunks().get("sim-a").port());
        assertEquals(5071, file.sipTrunks().get("sim-b").port());
        assertEquals(CallMix.parse("ANSWER=95,BUSY=5"), file.sipTrunks().get("sim-a").mix());
    }

    @Test
    void aCallToTheGatewaysSipPortIsAnsweredByAnEmbeddedTrunk() throws Exception {
        int trunkA = freeUdpPort();
        int trunkB = freeUdpPort();
        Path yaml = dir.resolve("sip.yaml");
        Files.writeString(yaml, """
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                sip: { enabled: true, host: 127.0.0.1, port: 0 }
                tenants:
                  - { id: demo, systemId: demo, password: demo, sipSources: [127.0.0.1/32] }
                carriers:
                  - { id: sim-a, sip: { host: 127.0.0.1, port: %d } }
                  - { id: sim-b, sip: { host: 127.0.0.1, port: %d } }
                routes:
                  - { prefix: "44", carriers: [sim-b, sim-a] }
                  - { prefix: "", carriers: [sim-a, sim-b] }
                simulators:
                  sipTrunks:
                    - { id: sim-a, port: %d, mix: "ANSWER=1", ringMillis: 10 }
                    - { id: sim-b, port: %d, mix: "ANSWER=1", ringMillis: 10 }
                """.formatted(dir.resolve("queues").toAbsolutePath(), trunkA, trunkB, trunkA, trunkB));
        EdgeConfigFile file = EdgeConfigFile.load(yaml);
        try (EmbeddedCarriers sims = EmbeddedCarriers.start(file);
             Gateway gateway = Gateway.start(file.gateway());
             CallLoad calls = new CallLoad(CallLoadConfig.of("127.0.0.1", gateway.listeners().get("sip").getPort(),
                     50, 5, "4470"))) {
            CallReport report = calls.run();
            assertEquals(5, report.answered(), report.text());
            assertTrue(report.nothingLost(), report.text());
            assertEquals(5, sims.trunks().get("sim-b").counters().answered(), "numbers starting 44 go to sim-b first");
            assertEquals(0, sims.trunks().get("sim-a").counters().invites());
        }
    }

    @Test
    void badSipTrunkEntryIsRefusedNamingIt() throws Exception {
        Path bad = dir.resolve("bad-trunk.yaml");
        Files.writeString(bad, """
                tenants:
                  - { id: t, systemId: t, password: p }
                simulators:
                  sipTrunks:
                    - { id: a, port: 5070 }
                    - { id: b, port: 5071, mix: "ANSWER=1,RING=2" }
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> EdgeConfigFile.load(bad));
        assertTrue(e.getMessage().contains("simulators.sipTrunks[1]") && e.getMessage().contains("mix"), e.getMessage());
    }

    @Test
    void simulatorsAsAListStillMeansSimulatedSmscs() throws Exception {
        Path yaml = dir.resolve("list.yaml");
        Files.writeString(yaml, """
                tenants: [{ id: t, systemId: t, password: p }]
                simulators:
                  - { id: sim-x, port: 0 }
                """);
        EdgeConfigFile file = EdgeConfigFile.load(yaml);
        assertEquals("sim-x", file.simulators().get(0).id());
        assertEquals(java.util.Map.of(), file.sipTrunks());
    }

    private static int freeUdpPort() throws Exception {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(
                new java.net.InetSocketAddress("127.0.0.1", 0))) {
            return probe.getLocalPort();
        }
    }

    @Test
    void anEmbeddedSimulatorWithAnAdminPortTakesFaultsWhileRunning() throws Exception {
        Path yaml = dir.resolve("sims.yaml");
        Files.writeString(yaml, """
                tenants: [{ id: t, systemId: t, password: p }]
                simulators:
                  - { id: sim-x, port: 0, adminPort: 0 }
                  - { id: sim-y, port: 0 }
                """);
        EdgeConfigFile file = EdgeConfigFile.load(yaml);
        try (EmbeddedCarriers sims = EmbeddedCarriers.start(file.simulators(), file.simulatorAdminPorts())) {
            assertEquals(java.util.Set.of("sim-x"), sims.admins().keySet());
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + sims.admins().get("sim-x").port() + "/faults?silent=true"))
                            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(true, sims.smscs().get(0).faults().current().silent());
            assertEquals(false, sims.smscs().get(1).faults().current().silent());
        }
    }

    @Test
    void badConfigIsRefusedNamingTheField() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                tenants:
                  - { id: t, systemId: t, password: p }
                carriers:
                  - { id: c, systemId: s, password: p, endpoints: [{ host: 127.0.0.1, port: 70000 }] }
                routes:
                  - { prefix: '', carriers: [c] }
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> EdgeConfigFile.load(bad));
        assertTrue(e.getMessage().contains("carriers[0].endpoints[0].port"), e.getMessage());
    }

    @Test
    void badSimulatorEntryIsRefusedNamingIt() throws Exception {
        Path bad = dir.resolve("bad-sim.yaml");
        Files.writeString(bad, """
                tenants:
                  - { id: t, systemId: t, password: p }
                simulators:
                  - { id: s, port: 2776, latency: 5 }
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> EdgeConfigFile.load(bad));
        assertTrue(e.getMessage().contains("simulators[0]"), e.getMessage());
    }

    @Test
    void demoRunsEndToEndReportsNothingLostAnswersEveryCallAndWritesItsHtmlReport() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Path report = dir.resolve("demo.html");
        int exit = new CommandLine(new DemoCommand(new PrintStream(output, true, StandardCharsets.UTF_8)))
                .execute("--messages", "2000", "--sessions", "2", "--receipt-delay-ms", "5", "--report", report.toString(),
                        "--calls", "40", "--cps", "100", "--call-warmup", "300", "--text-mix", "short=70,long=30");
        String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        assertTrue(text.matches("(?s).*acknowledged\\s+2000\\n.*"), text);
        assertTrue(text.matches("(?s).*receipts back to tenant\\s+2000\\n.*"), text);
        assertTrue(text.matches("(?s).*lost\\s+0\\n.*"), text);
        // every message metered: a short text 1 segment, a long one (300 GSM characters as message_payload) 2
        Matcher shortSent = Pattern.compile("(?m)^    short +(\\d+) messages").matcher(text);
        Matcher longSent = Pattern.compile("(?m)^    long +(\\d+) messages").matcher(text);
        assertTrue(shortSent.find() && longSent.find(), text);
        long longs = Long.parseLong(longSent.group(1));
        assertTrue(longs > 0, text);
        long segments = Long.parseLong(shortSent.group(1)) + 2 * longs;
        assertTrue(text.contains("\n  usage metered              " + segments + " segments in 2000 messages\n"), text);
        // the built-in plan: 0.04 EUR a segment to 44 (the demo sends to 4470...), no tier reached yet
        assertTrue(text.contains("\n  amount rated               " + new java.math.BigDecimal("0.04")
                .multiply(java.math.BigDecimal.valueOf(segments)).setScale(2) + " EUR (tier 0,"), text);
        assertTrue(text.matches("(?s).*\\n  calls\\n    placed\\s+40\\n    answered\\s+40\\n    failed\\s+0 \\(none\\)\\n"
                + "    timed out\\s+0\\n.*setup latency\\s+p50 .*calls/s .*"), text);
        // one warm-up round of 300 calls before the 40 measured ones, left out of the call figures
        assertTrue(text.contains("demo: SIP warm-up of 300 calls in 1 rounds done (last round: 300 of 300 answered"),
                text);
        // the demo's two trunks as the proxy saw them: both UP, all 340 calls answered between them
        Matcher trunk = Pattern.compile(
                "(?m)^    (sim-[ab]) +UP, (\\d+) attempts, ASR (100\\.0%|-), PDD (\\d+ ms|-)$").matcher(text);
        Set<String> trunks = new TreeSet<>();
        long attempts = 0;
        while (trunk.find()) {
            trunks.add(trunk.group(1));
            attempts += Long.parseLong(trunk.group(2));
        }
        assertEquals(Set.of("sim-a", "sim-b"), trunks, text);
        assertEquals(340, attempts, text);
        assertTrue(text.contains("  sip trunks (the gateway's view, warm-up calls included)\n"), text);
        String html = Files.readString(report);
        assertTrue(html.contains("acknowledged     2000") && html.contains("acknowledged/s") && html.contains("p99"), html);
    }
}
