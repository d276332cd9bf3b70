package io.edgegw.sip;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A real gateway on loopback with ephemeral ports: tenant {@code acme} calls from 127.0.0.1; numbers starting 447
 * go to trunk {@code first}, then {@code second}, each on 127.0.0.1 at the given port and not probed with OPTIONS
 * (the hand-written trunks answer only what a test tells them to).
 */
final class SipGateway {
    private SipGateway() {
    }

    static Gateway start(Path storage, int firstTrunkPort, int secondTrunkPort) {
        return start(storage, firstTrunkPort, secondTrunkPort, 10_000);
    }

    /** With at most {@code maxCalls} INVITEs being set up at once. */
    static Gateway start(Path storage, int firstTrunkPort, int secondTrunkPort, int maxCalls) {
        return start(storage, firstTrunkPort, secondTrunkPort, maxCalls, "udp");
    }

    /** Listener and trunks over {@code transport} (udp or tcp). */
    static Gateway start(Path storage, int firstTrunkPort, int secondTrunkPort, int maxCalls, String transport) {
        return start(storage, firstTrunkPort, secondTrunkPort, maxCalls, transport, "", "", "");
    }

    /**
     * With extra fields ({@code ", name: value"}) in the {@code sip} section, tenant {@code acme} and trunk
     * {@code first}.
     */
    static Gateway start(Path storage, int firstTrunkPort, int secondTrunkPort, String sipExtra, String tenantExtra,
                         String firstTrunkExtra) {
        return start(storage, firstTrunkPort, secondTrunkPort, "", sipExtra, tenantExtra, firstTrunkExtra);
    }

    /** The same with further top-level sections ({@code topExtra}, YAML lines such as a {@code cluster} section). */
    static Gateway start(Path storage, int firstTrunkPort, int secondTrunkPort, String topExtra, String sipExtra,
                         String tenantExtra, String firstTrunkExtra) {
        return start(storage, firstTrunkPort, secondTrunkPort, 10_000, "udp", topExtra, sipExtra, tenantExtra,
                firstTrunkExtra);
    }

    private static Gateway start(Path storage, int firstTrunkPort, int secondTrunkPort, int maxCalls, String transport,
                                 String sipExtra, String tenantExtra, String firstTrunkExtra) {
        return start(storage, firstTrunkPort, secondTrunkPort, maxCalls, transport, "", sipExtra, tenantExtra,
                firstTrunkExtra);
    }

    private static Gateway start(Path storage, int firstTrunkPort, int secondTrunkPort, int maxCalls, String transport,
                                 String topExtra, String sipExtra, String tenantExtra, String firstTrunkExtra) {
        return Gateway.start(ConfigLoader.parse(topExtra + """

                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                sip: { enabled: true, host: 127.0.0.1, port: 0, transport: %s, failoverAfterMillis: 3000, inviteTimeoutSeconds: 15,
                       maxCalls: %d %s }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, sipSources: [127.0.0.1/32] %s }
                carriers:
                  - { id: smpp-only, systemId: e, password: e, endpoints: [{ host: 127.0.0.1, port: 1 }] }
                  - { id: first, sip: { host: 127.0.0.1, port: %d, transport: %s, probe: { intervalMillis: 0 } %s } }
                  - { id: second, sip: { host: 127.0.0.1, port: %d, transport: %s, probe: { intervalMillis: 0 } } }
                routes:
                  - { prefix: '447', carriers: [smpp-only, first, second] }
                """.formatted(storage.toAbsolutePath(), transport, maxCalls, sipExtra, tenantExtra, firstTrunkPort,
                        transport, firstTrunkExtra, secondTrunkPort, transport)),
                List.of(new SipConnectorFactory()));
    }

    static InetSocketAddress sip(Gateway gateway) {
        return gateway.listeners().get("sip");
    }
}
