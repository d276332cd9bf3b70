package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.dispatch.DispatcherStatus;
import io.edgegw.core.dispatch.OperatorMode;
import io.edgegw.simulator.smsc.FaultAdmin;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live status page in a real headless browser (Debian's chromium, driven by playwright-core from npm; both
 * installed by {@code ./edge test} and {@code .ci/run}): it asks for the token, shows every bind, shows a carrier's
 * binds going down when its simulator drops them, and an operator's click on "disable" takes effect in the gateway.
 */
class StatusPageTest {
    private static final String TOKEN = "status-page-token-01234";
    private static final Path BROWSER_DIR = Path.of("src/test/browser");

    @TempDir
    Path storage;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void anOperatorSeesBindsGoDownAndDisablesACarrierFromTheStatusPage() throws Exception {
        assertTrue(Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core")),
                "playwright-core is not installed: run ./edge test (or npm ci --prefix deploy/src/test/browser)");
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        try (SimulatedSmsc a = SimulatedSmsc.start(sim); SimulatedSmsc b = SimulatedSmsc.start(sim);
             FaultAdmin faults = FaultAdmin.start(a, 0);
             Gateway g = Gateway.start(ConfigLoader.parse("""
                     smpp: { host: 127.0.0.1, port: 0 }
                     admin: { host: 127.0.0.1, port: 0, token: %s }
                     storage: { dir: '%s' }
                     tenants:
                       - { id: acme, systemId: acme, password: acme }
                     carriers:
                       - { id: carrier-a, systemId: edge, password: edge, bindsPerEndpoint: 2, reconnectDelayMillis: 200,
                           endpoints: [{ host: 127.0.0.1, port: %d }] }
                       - { id: carrier-b, systemId: edge, password: edge, bindsPerEndpoint: 2,
                           endpoints: [{ host: 127.0.0.1, port: %d }] }
                     routes:
                       - { prefix: '', carriers: [carrier-a, carrier-b] }
                     """.formatted(TOKEN, storage.toAbsolutePath(), a.port(), b.port())))) {
            String admin = "http://127.0.0.1:" + g.listeners().get("admin").getPort();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, page.statusCode(), "/ leads to the status page");

            Path shot = Path.of("target/status-page.png").toAbsolutePath();
            Process node = new ProcessBuilder("node", "status-page.mjs", admin, TOKEN,
                    "http://127.0.0.1:" + faults.port(), shot.toString())
                    .directory(BROWSER_DIR.toFile()).redirectErrorStream(true).start();
            String out;
            try {
                boolean ended = node.waitFor(120, TimeUnit.SECONDS);
                out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(ended, "the browser run did not end in 120 s: " + out);
            } finally {
                node.destroyForcibly();
            }
            System.out.print(out);
            assertEquals(0, node.exitValue(), out);
            assertTrue(out.contains("step: done"), out);

            // the click reached the gateway: carrier-b is disabled there, its binds too
            DispatcherStatus s = g.control().status().get(5, TimeUnit.SECONDS);
            DispatcherStatus.Carrier carrierB = s.carriers().get(1);
            assertEquals("carrier-b", carrierB.id());
            assertEquals(OperatorMode.DISABLED, carrierB.mode());
            await().atMost(Duration.ofSeconds(10)).until(() -> g.control().status().get(5, TimeUnit.SECONDS)
                    .carriers().get(1).binds().stream().allMatch(x -> x.state().equals("DISABLED")));
            assertTrue(Files.size(shot) > 0, "a screenshot of the page was taken");
        }
    }
}
