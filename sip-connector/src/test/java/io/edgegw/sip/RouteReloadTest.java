package io.edgegw.sip;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/routes/reload} reaches the SIP proxy: a real gateway started from a file on loopback, two scripted
 * trunks; the file is rewritten to move a prefix from trunk {@code a} to {@code b}, and the next call goes to b. A
 * reload the gateway refuses leaves calls where they went.
 */
@Timeout(60)
class RouteReloadTest {
    private static final String TOKEN = "operator-token-0123456789";

    @TempDir
    Path dir;

    private ScriptedTrunk a;
    private ScriptedTrunk b;
    private RawSip caller;
    private Gateway gateway;
    private Path file;
    private int calls;

    @BeforeEach
    void start() throws Exception {
        a = new ScriptedTrunk();
        b = new ScriptedTrunk();
        caller = new RawSip("127.0.0.1");
        file = dir.resolve("edge.yaml");
        Files.writeString(file, config("a"));
        gateway = Gateway.start(ConfigLoader.load(file), List.of(new SipConnectorFactory()));
        gateway.reloadFrom(() -> ConfigLoader.load(file));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        caller.close();
        b.close();
        a.close();
    }

    @Test
    void aReloadedRouteMovesTheNextCallToItsNewTrunk() throws Exception {
        call();
        await().until(() -> a.invites.get() == 1);
        assertEquals(0, b.invites.get());

        Files.writeString(file, config("b"));
        HttpResponse<String> r = reload();
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"routes\":1"), r.body());
        assertTrue(r.body().contains("\"sip\""), "the answer names the connectors that took the routes: " + r.body());
        call();
        await().until(() -> b.invites.get() == 1);
        assertEquals(1, a.invites.get(), "trunk a no longer gets the prefix");

        Files.writeString(file, config("nowhere"));
        HttpResponse<String> bad = reload();
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("nowhere"), bad.body());
        call();
        await().until(() -> b.invites.get() == 2);
        assertEquals(1, a.invites.get(), "a refused reload leaves calls going where they went");
    }

    /** One INVITE to 4470000001, answered busy by whichever trunk gets it. */
    private void call() throws Exception {
        InetSocketAddress proxy = SipGateway.sip(gateway);
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "reload-" + ++calls + "@x"),
                proxy);
        assertEquals(486, caller.finalStatus("INVITE"));
    }

    private HttpResponse<String> reload() throws Exception {
        InetSocketAddress admin = gateway.listeners().get("admin");
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + admin.getPort() + "/api/routes/reload"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String config(String trunk) {
        return """
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: %s }
                storage: { dir: '%s' }
                sip: { enabled: true, host: 127.0.0.1, port: 0, transport: udp }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, sipSources: [127.0.0.1/32] }
                carriers:
                  - { id: a, sip: { host: 127.0.0.1, port: %d, transport: udp, probe: { intervalMillis: 0 } } }
                  - { id: b, sip: { host: 127.0.0.1, port: %d, transport: udp, probe: { intervalMillis: 0 } } }
                routes:
                  - { prefix: '447', carriers: [%s] }
                """.formatted(TOKEN, dir.resolve("storage").toAbsolutePath(), a.port(), b.port(), trunk);
    }
}
