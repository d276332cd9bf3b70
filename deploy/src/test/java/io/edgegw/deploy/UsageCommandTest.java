package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edge usage} against a real gateway (usage journal, rating, operator API) fed by Cloudhopper as an independent
 * tenant, with the carrier simulator behind it.
 */
class UsageCommandTest {
    private static final String TOKEN = "usage-cli-token-98765";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path storage;

    private record Run(int exit, String out, String err) {
    }

    private static Run usage(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new UsageCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env)).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Gateway gateway(int carrierPort) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: %s }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                tenants:
                  - { id: acme, systemId: acme, password: acme }
                  - { id: globex, systemId: globex, password: globex }
                carriers:
                  - { id: telco, systemId: edge, password: edge, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                pricing:
                  plans:
                    - { id: std, currency: EUR, sms: [{ prefix: '', price: '0.0500' }, { prefix: '44', price: '0.0400' }] }
                  tenants: { acme: std }
                """.formatted(TOKEN, storage.toAbsolutePath(), carrierPort)));
    }

    private static long lines(String text, String... all) {
        return text.lines().filter(l -> java.util.Arrays.stream(all).allMatch(l::contains)).count();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void printsEachTenantsSegmentsAndAmountForTheMonthAndZerosForThePreviousOne() throws Exception {
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        try (SimulatedSmsc carrier = SimulatedSmsc.start(sim); Gateway g = gateway(carrier.port())) {
            String admin = "http://127.0.0.1:" + g.listeners().get("admin").getPort();
            try (CloudhopperTenant acme = new CloudhopperTenant(g.listeners().get("smpp").getPort(), "acme", "acme",
                    SmppBindType.TRANSCEIVER)) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(0, acme.submit("4477009000" + i, "short " + i, (byte) 0).getCommandStatus());
                }
                // 300 GSM characters as message_payload: 2 segments of 153
                assertEquals(0, acme.submitPayload("447700900099", "x".repeat(300)).getCommandStatus());
            }
            Map<String, String> env = Map.of(StatusCommand.TOKEN_ENV, TOKEN);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    lines(usage(env, "--admin", admin, "--tenant", "acme").out(), "acme", " 5 ", "(4 unknown)") == 1);

            YearMonth now = YearMonth.now(ZoneOffset.UTC);
            Run all = usage(env, "--admin", admin);
            assertEquals(0, all.exit(), all.err());
            assertEquals("", all.err());
            assertTrue(all.out().contains("SEGMENTS") && all.out().contains("AMOUNT"), all.out());
            // acme: 4 messages, 5 segments at 0.04 EUR, tier 0; telco has no cost list: 4 acceptances of unknown cost, no margin
            assertEquals(1, lines(all.out(), "acme", now.toString(), " 4 ", " 5 ", "0.20 EUR", "(4 unknown)"),
                    all.out());
            assertEquals(1, lines(all.out(), "globex", now.toString(), " 0 "), all.out());
            assertTrue(all.out().lines().filter(l -> l.startsWith("acme")).allMatch(l -> l.endsWith("-")),
                    "margin unknown shows '-': " + all.out());

            Run json = usage(env, "--admin", admin, "--tenant", "acme", "--json");
            assertEquals(0, json.exit(), json.err());
            JsonNode acme = JSON.readTree(json.out());
            assertEquals(5, acme.get("segments").asLong());
            assertEquals("0.20", acme.get("amount").asText());

            Run before = usage(env, "--admin", admin, "--tenant", "acme", "--month", now.minusMonths(1).toString(),
                    "--json");
            assertEquals(0, before.exit(), before.err());
            assertEquals(0, JSON.readTree(before.out()).get("segments").asLong());
            assertEquals(0, JSON.readTree(before.out()).get("messages").asLong());

            // the same by UTC days: today only, with the MO, calls and minutes columns
            String today = java.time.LocalDate.now(ZoneOffset.UTC).toString();
            Run days = usage(env, "--admin", admin, "--tenant", "acme", "--from", today, "--to", today);
            assertEquals(0, days.exit(), days.err());
            assertTrue(days.out().lines().findFirst().orElse("").matches(
                    "TENANT +PERIOD +MESSAGES +SEGMENTS +MO +CALLS +MINUTES +TIER +AMOUNT +CARRIER COST +MARGIN"),
                    days.out());
            assertEquals(1, lines(days.out(), "acme", today + ".." + today, " 4 ", " 5 ", " 0.00 ", "0.20 EUR"),
                    days.out());
            Run backwards = usage(env, "--admin", admin, "--from", today, "--to",
                    now.minusMonths(1).atDay(1).toString());
            assertEquals(1, backwards.exit());
            assertTrue(backwards.err().contains("from must not be after to"), backwards.err());

            Run bad = usage(env, "--admin", admin, "--month", "1999-01");
            assertEquals(1, bad.exit());
            assertTrue(bad.err().contains("month must be YYYY-MM") && bad.err().contains(now.toString()), bad.err());

            Run wrong = usage(Map.of(StatusCommand.TOKEN_ENV, "not-the-token-00000"), "--admin", admin);
            assertEquals(1, wrong.exit());
            assertTrue(wrong.err().contains("refused the admin token"), wrong.err());
            Run none = usage(Map.of(), "--admin", admin);
            assertEquals(1, none.exit());
            assertTrue(none.err().contains("needs its admin token"), none.err());
        }
    }

    @Test
    void anUnreachableGatewayIsOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run run = usage(Map.of(), "--admin", "http://127.0.0.1:" + port);
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("edge usage: cannot reach the gateway's admin API"), run.err());
    }
}
