package io.edgegw.core.admin;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.AdminConfig;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.support.TestConfigs;
import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin port keeps answering {@code /health} (and the rest) whatever one client sends or withholds: half a
 * request, hoarded connections, oversized or garbage requests, a slow scrape (issue 13).
 */
class HostileAdminClientsTest {
    private static final String TOKEN = "operator-token-0123456789";
    private static final AdminLimits QUICK = AdminLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(30));
    @TempDir
    Path dir;
    private Gateway gateway;
    private GatewayMetrics metrics;
    private AdminServer admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        gateway = Gateway.start(TestConfigs.oneTenantOneCarrier(dir), List.of());
        metrics = new GatewayMetrics(gateway.config());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        if (admin != null) {
            admin.close();
        }
        gateway.close();
    }

    private int startAdmin(AdminLimits limits, String metricsToken) {
        admin = new AdminServer(new AdminConfig("127.0.0.1", 0, TOKEN, metricsToken), metrics, gateway.control(),
                gateway::reloadRoutes, gateway::connectorView, limits);
        admin.start();
        return admin.address().getPort();
    }

    private HttpResponse<String> get(int port, String path, String bearer) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)); // the old admin server hung here
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private RawHttp raw(int port) throws IOException {
        RawHttp c = new RawHttp(port);
        clients.add(c);
        return c;
    }

    @Test
    void halfSentRequestDoesNotStopHealthMetricsOrTheApiAndIsClosedAfterTheRequestTimeout() throws Exception {
        int port = startAdmin(QUICK, "");
        RawHttp slow = raw(port).send("G");

        HttpResponse<String> health = get(port, "/health", null);
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.body());
        assertEquals(200, get(port, "/metrics", null).statusCode());
        HttpResponse<String> status = get(port, "/api/status", TOKEN);
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains("\"carriers\""), status.body());

        String answer = slow.readToClose();
        assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
    }

    @Test
    void healthAnswersWhileAScrapeIsSlow() throws Exception {
        CountDownLatch scraping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Gauge.builder("test_slow_gauge", () -> {
            scraping.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }).register(metrics.registry());
        int port = startAdmin(QUICK, "");
        CompletableFuture<HttpResponse<String>> scrape = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(scraping.await(10, TimeUnit.SECONDS), "the scrape reached the slow gauge");

        assertEquals("ok", get(port, "/health", null).body());

        release.countDown();
        HttpResponse<String> scraped = scrape.get(10, TimeUnit.SECONDS);
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.body().contains("test_slow_gauge 1.0"), scraped.body());
    }

    @Test
    void idleConnectionsHoardedByOneClientMakeWayForHealth() throws Exception {
        int port = startAdmin(QUICK.withMaxConnections(50), "");
        List<SocketChannel> hoard = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            c.configureBlocking(false);
            clients.add(c);
            hoard.add(c);
        }
        // 50 connections at most: each newcomer past them closed the one idle longest
        await().atMost(Duration.ofSeconds(20)).until(() -> closedByServer(hoard) == 150);

        HttpResponse<String> health = get(port, "/health", null);
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.body());
        await().atMost(Duration.ofSeconds(20)).until(() -> closedByServer(hoard) == 151);
    }

    private static int closedByServer(List<SocketChannel> channels) throws IOException {
        int closed = 0;
        ByteBuffer buf = ByteBuffer.allocate(64);
        for (SocketChannel c : channels) {
            buf.clear();
            if (!c.isOpen() || c.read(buf) < 0) {
                closed++;
                c.close();
            }
        }
        return closed;
    }

    @Test
    void whenEveryConnectionIsMidRequestANewcomerIsRefusedUntilTheRequestTimeoutFreesThem() throws Exception {
        int port = startAdmin(AdminLimits.DEFAULTS.withMaxConnections(4).withTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(30)), "");
        List<RawHttp> stalled = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // the 100 Continue shows the server holds this request open, waiting for a body that never comes
            RawHttp c = raw(port).send("POST /api/routes/reload HTTP/1.1\r\nHost: gw\r\nContent-Length: 10\r\n"
                    + "Expect: 100-continue\r\n\r\n");
            assertTrue(c.readResponse().startsWith("HTTP/1.1 100 Continue"));
            stalled.add(c);
        }

        assertTrue(raw(port).closedWithNothingSent(), "a fifth connection is refused");

        for (RawHttp c : stalled) {
            String answer = c.readToClose();
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
        }
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> get(port, "/health", null).statusCode() == 200);
    }

    @Test
    void oversizedRequestLineHeadersAndBodyGetAnErrorAnswerNotAHang() throws Exception {
        int port = startAdmin(QUICK, "");
        String line = raw(port).send("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: gw\r\n\r\n").readToClose();
        assertTrue(line.startsWith("HTTP/1.1 414 "), line);
        String headers = raw(port).send("GET /health HTTP/1.1\r\nHost: gw\r\nX-Big: " + "b".repeat(10_000)
                + "\r\n\r\n").readToClose();
        assertTrue(headers.startsWith("HTTP/1.1 431 "), headers);
        String body = raw(port).send("POST /api/routes/reload HTTP/1.1\r\nHost: gw\r\nContent-Length: 100000\r\n\r\n"
                + "c".repeat(1000)).readToClose();
        assertTrue(body.startsWith("HTTP/1.1 413 "), body);
    }

    @Test
    void garbageBytesGet400() throws Exception {
        int port = startAdmin(QUICK, "");
        String answer = raw(port).send("this is not http at all\r\n\r\n").readToClose();
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertEquals("ok", get(port, "/health", null).body());
    }

    @Test
    void aScraperKeepsItsConnectionAcrossRequests() throws Exception {
        int port = startAdmin(QUICK, "");
        RawHttp scraper = raw(port);
        for (int i = 0; i < 3; i++) {
            String answer = scraper.send("GET /metrics HTTP/1.1\r\nHost: gw\r\n\r\n").readResponse();
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.contains("jvm_memory_used_bytes"), "a whole scrape on the same connection");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderSent() throws Exception {
        int port = startAdmin(QUICK, "");
        RawHttp client = raw(port).send("GET /api/status HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + TOKEN
                + "\r\n\r\nGET /health HTTP/1.1\r\nHost: gw\r\n\r\n");
        String first = client.readResponse();
        assertTrue(first.startsWith("HTTP/1.1 200 ") && first.contains("\"carriers\""), first);
        String second = client.readResponse();
        assertTrue(second.startsWith("HTTP/1.1 200 ") && second.endsWith("\r\n\r\nok"), second);
    }

    @Test
    void aTakenPortIsRefusedNamingTheAddress() throws Exception {
        int taken = startAdmin(QUICK, "");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new AdminServer(new AdminConfig("127.0.0.1", taken), metrics, gateway.control(),
                        gateway::reloadRoutes));
        assertEquals("admin: cannot listen on 127.0.0.1:" + taken, e.getMessage());
        assertEquals("ok", get(taken, "/health", null).body(), "the first server is untouched");
    }

    @Test
    void metricsNeedTheMetricsTokenWhenOneIsSet() throws Exception {
        String scrapeToken = "scrape-token-0123456789";
        int port = startAdmin(QUICK, scrapeToken);
        HttpResponse<String> without = get(port, "/metrics", null);
        assertEquals(401, without.statusCode());
        assertTrue(without.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, get(port, "/metrics", TOKEN).statusCode(), "the operator token is not the scrape token");
        HttpResponse<String> with = get(port, "/metrics", scrapeToken);
        assertEquals(200, with.statusCode());
        assertTrue(with.body().contains("jvm_memory_used_bytes"));
        assertEquals(200, get(port, "/health", null).statusCode(), "/health stays open");
        assertEquals(401, get(port, "/api/status", scrapeToken).statusCode(), "nor does the scrape token open /api");
    }
}
