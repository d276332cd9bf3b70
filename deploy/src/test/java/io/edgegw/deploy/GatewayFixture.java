package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;

import java.nio.file.Path;

/** A real gateway on loopback with ephemeral ports, its queues in {@code storage}, routing everything to one carrier. */
final class GatewayFixture {
    private GatewayFixture() {
    }

    static GatewayConfig config(Path storage, int carrierPort) {
        return ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, window: 50, numbers: ['4470009'] }
                  - { id: other, systemId: other, password: other-pw }
                  - { id: solo, systemId: solo, password: solo-pw, maxBinds: 1 }
                  - { id: metered, systemId: metered, password: meter-pw, submitsPerSecond: 20, submitBurst: 10 }
                  - { id: capped, systemId: capped, password: cap-pw, queueMaxMessages: 30 }
                  - { id: fenced, systemId: fenced, password: fence-pw, allowedSources: [10.0.0.0/8, '192.0.2.1'] }
                carriers:
                  - { id: carrier-a, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 100,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [carrier-a] }
                """.formatted(storage.toAbsolutePath(), carrierPort));
    }

    /**
     * Tenant {@code acme} (password {@code acme}) and two carriers, {@code telco-a} then {@code telco-b} on one route
     * for everything, two binds of window 50 each; {@code token} may be empty, {@code quality} is YAML ({@code {}}).
     */
    static GatewayConfig twoCarriers(Path storage, String token, int portA, int portB, String quality) {
        return ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: '%s' }
                storage: { dir: '%s' }
                quality: %s
                tenants:
                  - { id: acme, systemId: acme, password: acme }
                carriers:
                  - { id: telco-a, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 50,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                  - { id: telco-b, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 50,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco-a, telco-b] }
                """.formatted(token, storage.toAbsolutePath(), quality, portA, portB));
    }

    static Gateway start(Path storage, int carrierPort) {
        return Gateway.start(config(storage, carrierPort));
    }

    static int smppPort(Gateway gateway) {
        return gateway.listeners().get("smpp").getPort();
    }
}
