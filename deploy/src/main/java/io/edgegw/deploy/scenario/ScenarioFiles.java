package io.edgegw.deploy.scenario;

import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the in-process scenarios share: a gateway config with one simulated carrier, and cleaning up after. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * Gateway on ephemeral loopback ports, queues in {@code storage}, the given tenants (system_id and password
     * equal to the id, default limits) and one carrier {@code telco} with one bind of {@code carrierWindow}.
     */
    static GatewayConfig oneCarrier(Path storage, List<String> tenants, int carrierPort, int carrierWindow) {
        String tenantLines = tenants.stream()
                .map(t -> "  - { id: %s, systemId: %s, password: %s }".formatted(t, t, t))
                .collect(Collectors.joining("\n"));
        return ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                %s
                carriers:
                  - { id: telco, systemId: edge, password: edge, bindsPerEndpoint: 1, window: %d,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(storage.toAbsolutePath(), tenantLines, carrierWindow, carrierPort));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
