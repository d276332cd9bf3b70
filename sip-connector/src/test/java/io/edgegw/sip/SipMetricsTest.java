package io.edgegw.sip;

import io.edgegw.core.Gateway;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What /metrics says after calls: outcomes per tenant, answers per trunk, set-up times, refusals, calls up. */
@Timeout(90)
class SipMetricsTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void afterFailedOverCallsAndAnUnroutedOneTheScrapeCountsEachAsItWent() throws Exception {
        int brokenPort = Sipp.freeUdpPort();
        int goodPort = Sipp.freeUdpPort();
        Path scenario = dir.resolve("uas-503.xml");
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/sipp/uas-503.xml"))) {
            Files.copy(in, scenario);
        }
        // acme owns numbers, so the inbound series are served too (and checked against docs/METRICS.md)
        try (Gateway gateway = SipGateway.start(dir.resolve("queues"), brokenPort, goodPort, "", ", numbers: ['4420']",
                "")) {
            String before = scrape(gateway);
            assertEquals(0.0, value(before, "edge_sip_calls_total", "tenant=\"acme\"", "outcome=\"answered\""));
            assertEquals(0.0, value(before, "edge_sip_refused_total", "tenant=\"unknown\"", "reason=\"forbidden\""));

            InetSocketAddress sip = SipGateway.sip(gateway);
            Sipp broken = Sipp.start(dir.resolve("broken"), "broken", brokenPort, "-sf", scenario.toString(),
                    "-m", "3");
            Sipp good = Sipp.start(dir.resolve("good"), "good", goodPort, "-sn", "uas", "-m", "3");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sn", "uac",
                    sip.getAddress().getHostAddress() + ":" + sip.getPort(), "-s", "4470000001", "-m", "3", "-r", "3");
            try {
                assertEquals(0, caller.exitCode());
                assertEquals(0, good.exitCode());
                assertEquals(0, broken.exitCode());
            } finally {
                caller.stop();
                good.stop();
                broken.stop();
            }
            try (RawSip raw = new RawSip("127.0.0.1")) {
                raw.send(raw.request("INVITE", "1999", sip, RawSip.newBranch(), "unrouted@x"), sip);
                assertEquals(404, raw.finalStatus("INVITE"));
            }

            String after = scrape(gateway);
            assertEquals(3.0, value(after, "edge_sip_calls_total", "tenant=\"acme\"", "outcome=\"answered\""));
            assertEquals(1.0, value(after, "edge_sip_calls_total", "tenant=\"acme\"", "outcome=\"refused\""));
            assertEquals(0.0, value(after, "edge_sip_calls_total", "tenant=\"acme\"", "outcome=\"failed\""));
            assertEquals(1.0, value(after, "edge_sip_refused_total", "tenant=\"acme\"", "reason=\"no_route\""));
            assertEquals(3.0, value(after, "edge_sip_responses_total", "carrier=\"first\"", "code_class=\"5xx\""));
            assertEquals(3.0, value(after, "edge_sip_responses_total", "carrier=\"second\"", "code_class=\"2xx\""));
            assertEquals(3.0, value(after, "edge_sip_setup_seconds_count", "carrier=\"second\""));
            assertEquals(0.0, value(after, "edge_sip_setup_seconds_count", "carrier=\"first\""));
            assertTrue(after.contains("edge_sip_setup_seconds_bucket{carrier=\"second\",le=\"30.0\"} 3"), after);
            assertEquals(0.0, value(after, "edge_sip_calls_active", "tenant=\"acme\""));
            assertEquals(0.0, value(after, "edge_sip_carrier_calls_active", "carrier=\"second\""));
            assertDocumentedExactly(after);
        }
    }

    /** docs/METRICS.md's SIP section lists what a gateway with SIP on serves (deploy's check runs with SIP off). */
    private static void assertDocumentedExactly(String scrape) throws Exception {
        Path doc = Stream.of(Path.of("..", "docs", "METRICS.md"), Path.of("docs", "METRICS.md"))
                .filter(Files::isRegularFile).findFirst().orElseThrow();
        String text = Files.readString(doc);
        int from = text.indexOf("\n## SIP");
        String section = text.substring(from, text.indexOf("\n## ", from + 1));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`(edge_sip_[a-z0-9_]+)`").matcher(section);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> served = new TreeSet<>();
        Matcher s = Pattern.compile("(?m)^(edge_sip_[a-z0-9_]+)[{ ]").matcher(scrape);
        while (s.find()) {
            served.add(s.group(1));
        }
        assertEquals(documented, served);
    }

    private static String scrape(Gateway gateway) {
        return ((PrometheusMeterRegistry) gateway.meters()).scrape();
    }

    /** The value of the one series of {@code name} having all these labels. */
    private static double value(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelPart = line.substring(name.length(), line.indexOf('}') + 1);
            boolean all = true;
            for (String l : labels) {
                all &= labelPart.contains(l);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + name + " with " + String.join(",", labels) + " in:\n" + scrape);
    }
}
