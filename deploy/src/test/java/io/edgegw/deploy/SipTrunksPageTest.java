package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.sip.SimulatedTrunk;
import io.edgegw.simulator.sip.TrunkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status page's "SIP trunks" table in a real headless browser (as {@link StatusPageTest}): two simulated trunks
 * probed with OPTIONS, one answering (UP) and one silent (DOWN), each shown with its last probe.
 */
class SipTrunksPageTest {
    private static final String TOKEN = "sip-page-token-0123456";
    private static final Path BROWSER_DIR = Path.of("src/test/browser");

    @TempDir
    Path storage;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anOperatorSeesOneTrunkUpAndASilentOneDown() throws Exception {
        assertTrue(Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core")),
                "playwright-core is not installed: run ./edge test (or npm ci --prefix deploy/src/test/browser)");
        try (SimulatedTrunk up = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0));
             SimulatedTrunk silent = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0))) {
            silent.silent(true);
            try (Gateway g = Gateway.start(ConfigLoader.parse("""
                    smpp: { host: 127.0.0.1, port: 0 }
                    admin: { host: 127.0.0.1, port: 0, token: %s }
                    storage: { dir: '%s' }
                    sip: { enabled: true, host: 127.0.0.1, port: 0 }
                    tenants:
                      - { id: acme, systemId: acme, password: acme, sipSources: [127.0.0.1/32] }
                    carriers:
                      - { id: sim-up, sip: { host: 127.0.0.1, port: %d, probe: { intervalMillis: 200, downAfter: 2 } } }
                      - { id: sim-silent, sip: { host: 127.0.0.1, port: %d, probe: { intervalMillis: 200, downAfter: 2 } } }
                    routes:
                      - { prefix: '', carriers: [sim-up, sim-silent] }
                    """.formatted(TOKEN, storage.toAbsolutePath(), up.port(), silent.port())))) {
                String admin = "http://127.0.0.1:" + g.listeners().get("admin").getPort();
                Process node = new ProcessBuilder("node", "sip-trunks.mjs", admin, TOKEN)
                        .directory(BROWSER_DIR.toFile()).redirectErrorStream(true).start();
                String out;
                try {
                    boolean ended = node.waitFor(60, TimeUnit.SECONDS);
                    out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(ended, "the browser run did not end in 60 s: " + out);
                } finally {
                    node.destroyForcibly();
                }
                System.out.print(out);
                assertEquals(0, node.exitValue(), out);
                assertTrue(out.contains("step: done"), out);
            }
        }
    }
}
