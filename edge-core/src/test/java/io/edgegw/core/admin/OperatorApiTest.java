package io.edgegw.core.admin;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.dispatch.DispatcherStatus;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operators steer carriers, binds and tenants through the token-protected admin API, and the dispatcher obeys:
 * a disabled or drained carrier or bind gets no new message, a paused tenant's messages wait in its queue.
 */
class OperatorApiTest {
    private static final String TOKEN = "operator-token-0123456789";
    @TempDir
    Path dir;
    private Gateway gateway;
    private TestBind a;
    private TestBind b;
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestAck ack = new TestAck();
    private int seq;

    private String config(String routes) {
        return """
                admin: { host: 127.0.0.1, port: 0, token: %s }
                smpp: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                tenants:
                  - { id: acme, systemId: acme, password: acme }
                carriers:
                  - { id: telco-a, systemId: gw, password: pw, window: 100, endpoints: [{ host: 127.0.0.1, port: 1 }] }
                  - { id: telco-b, systemId: gw, password: pw, window: 100, endpoints: [{ host: 127.0.0.1, port: 2 }] }
                routes:
                %s
                """.formatted(TOKEN, dir.toAbsolutePath(), routes);
    }

    @BeforeEach
    void start() {
        gateway = Gateway.start(ConfigLoader.parse(config("  - { prefix: '44', carriers: [telco-a, telco-b] }")),
                List.of());
        a = new TestBind("telco-a", "telco-a/127.0.0.1:1#1", 100);
        b = new TestBind("telco-b", "telco-b/127.0.0.1:2#1", 100);
        gateway.registerCarrierBind(a);
        gateway.registerCarrierBind(b);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.listeners().get("admin").getPort() + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return call("POST", path, TOKEN);
    }

    /** Sends {@code n} messages and waits until the carriers were offered all of them. */
    private void send(int n) {
        int before = a.offered.size() + b.offered.size();
        for (int i = 0; i < n; i++) {
            int s = ++seq;
            assertEquals(0, gateway.ingress().submit("acme", TestConfigs.sms("4477009" + (10000 + s), false), ack, s));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> a.offered.size() + b.offered.size() == before + n);
    }

    @Test
    void withoutTheTokenNothingIsShownOrChanged() throws Exception {
        assertEquals(401, call("GET", "/api/carriers", null).statusCode());
        assertEquals(401, call("GET", "/api/carriers", "operator-token-wrong-guess").statusCode());
        assertEquals(401, call("POST", "/api/carriers/telco-a/disable", null).statusCode());
        assertTrue(a.enabledCalls.isEmpty(), "nothing was done");
        HttpResponse<String> ok = call("GET", "/api/carriers", TOKEN);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"id\":\"telco-a\"") && ok.body().contains("\"mode\":\"ENABLED\""), ok.body());
    }

    @Test
    void aDisabledCarrierIsUnboundAndTakesNothingUntilEnabled() throws Exception {
        send(3);
        assertEquals(3, a.offered.size(), "telco-a comes first");
        HttpResponse<String> r = post("/api/carriers/telco-a/disable");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"was\":\"ENABLED\""), r.body());
        assertEquals(List.of(false), a.enabledCalls, "its binds were told to unbind");
        assertTrue(b.enabledCalls.isEmpty());
        send(5);
        assertEquals(3, a.offered.size());
        assertEquals(5, b.offered.size(), "the next carrier took them");
        String carriers = call("GET", "/api/carriers", TOKEN).body();
        assertTrue(carriers.contains("\"mode\":\"DISABLED\",\"state\":\"DISABLED\""), carriers);

        assertEquals(200, post("/api/carriers/telco-a/enable").statusCode());
        assertEquals(List.of(false, true), a.enabledCalls);
        send(2);
        assertEquals(5, a.offered.size());
    }

    @Test
    void aDrainedBindStaysBoundButGetsNoNewMessages() throws Exception {
        String name = URLEncoder.encode(a.name(), StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/api/binds/" + name + "/drain");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(a.enabledCalls.stream().allMatch(e -> e), "draining does not unbind: " + a.enabledCalls);
        send(4);
        assertEquals(0, a.offered.size());
        assertEquals(4, b.offered.size());
        String binds = call("GET", "/api/binds", TOKEN).body();
        assertTrue(binds.contains("\"name\":\"telco-a/127.0.0.1:1#1\",\"state\":\"BOUND\""), binds);
        assertTrue(binds.contains("\"mode\":\"DRAINING\""), binds);

        assertEquals(200, post("/api/binds/" + name + "/disable").statusCode());
        assertEquals(false, a.enabledCalls.get(a.enabledCalls.size() - 1));
        assertEquals(200, post("/api/binds/" + name + "/enable").statusCode());
        assertEquals(true, a.enabledCalls.get(a.enabledCalls.size() - 1));
        send(1);
        assertEquals(1, a.offered.size());
    }

    @Test
    void aPausedTenantsMessagesWaitInItsQueueAndGoOnResume() throws Exception {
        assertEquals(200, post("/api/tenants/acme/pause").statusCode());
        for (int i = 0; i < 3; i++) {
            int s = ++seq;
            assertEquals(0, gateway.ingress().submit("acme", TestConfigs.sms("4477009" + (20000 + s), false), ack, s));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tenant().inboundDepth() == 3);
        // two more trips through the dispatcher loop, each with a dispatch pass, and still nothing went out
        tenant();
        assertTrue(tenant().paused());
        assertEquals(0, a.offered.size() + b.offered.size());

        assertEquals(200, post("/api/tenants/acme/resume").statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.offered.size() == 3);
    }

    @Test
    void unknownTargetsAndActionsGetClearAnswers() throws Exception {
        assertEquals(404, post("/api/carriers/nope/disable").statusCode());
        assertEquals(404, post("/api/binds/nope/disable").statusCode());
        assertEquals(404, post("/api/tenants/nope/pause").statusCode());
        HttpResponse<String> bad = post("/api/carriers/telco-a/explode");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("enable, disable or drain"), bad.body());
        assertEquals(404, call("GET", "/api/nothing", TOKEN).statusCode());
        assertEquals(405, call("DELETE", "/api/carriers", TOKEN).statusCode());
        assertTrue(a.enabledCalls.isEmpty());
    }

    @Test
    void routesAreReloadedFromTheConfigurationWithoutARestart() throws Exception {
        assertEquals(409, post("/api/routes/reload").statusCode(), "no file to read yet");
        String[] routes = {"  - { prefix: '44', carriers: [telco-b, telco-a] }"};
        gateway.reloadFrom(() -> ConfigLoader.parse(config(routes[0])));
        send(2);
        assertEquals(2, a.offered.size(), "telco-a first, as started");

        HttpResponse<String> r = post("/api/routes/reload");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"routes\":1"), r.body());
        assertTrue(r.body().contains("\"connectors\":[]"), "no connector here routes: " + r.body());
        send(3);
        assertEquals(3, b.offered.size(), "telco-b first, as the file now says");

        routes[0] = "  - { prefix: '44', carriers: [telco-c] }";
        HttpResponse<String> bad = post("/api/routes/reload");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("telco-c"), bad.body());
        send(1);
        assertEquals(4, b.offered.size(), "a refused reload leaves the routes as they were");
    }

    private DispatcherStatus.Tenant tenant() throws Exception {
        return gateway.control().status().get(5, TimeUnit.SECONDS).tenants().get(0);
    }
}
