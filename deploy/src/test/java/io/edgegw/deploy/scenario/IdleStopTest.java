package io.edgegw.deploy.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edge up} as its own process, idle (its one carrier is not there, so its binds keep reconnecting): SIGTERM
 * stops it and it exits with status 0. How long it took is printed; only a generous bound is checked here.
 */
class IdleStopTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void anIdleGatewayExitsWithStatusZeroAfterSigterm() throws Exception {
        Path config = dir.resolve("edge.yaml");
        Files.writeString(config, """
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: idle, systemId: idle, password: idle }
                carriers:
                  - { id: carrier, systemId: edge, password: edge, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: 9 }] }
                routes:
                  - { prefix: '', carriers: [carrier] }
                """.formatted(dir.resolve("queues")));
        Path log = dir.resolve("gateway.log");
        try (GatewayProcess gateway = GatewayProcess.start(config, log)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !gateway.isAlive()
                    || Files.readString(log).contains("Ctrl-C"));
            assertTrue(gateway.isAlive(), gateway.logTail(20));

            GatewayProcess.Exit exit = gateway.terminate(60);

            System.out.println("idle gateway: exit status " + exit.code() + " " + exit.millis()
                    + " ms after SIGTERM; " + gateway.logTail(3).replace(System.lineSeparator(), " | "));
            assertEquals(0, exit.code(), gateway.logTail(20));
            assertTrue(exit.millis() < 20_000, exit.millis() + " ms");
        }
    }
}
