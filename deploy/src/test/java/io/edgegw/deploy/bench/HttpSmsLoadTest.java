package io.edgegw.deploy.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edge bench-http-load} (the HTTP side of deploy/bench/sms-vs-kannel) against the JDK's own HTTP server playing
 * Kannel's smsbox: what it sends, that it keeps its connections, and how it counts what the server refuses or
 * cuts off.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpSmsLoadTest {
    private HttpServer server;
    private ExecutorService executor;
    private final ConcurrentLinkedQueue<Map<String, String>> received = new ConcurrentLinkedQueue<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** Serves /cgi-bin/sendsms, answering each request with {@code answer}'s status, as smsbox does ("0: Accepted"). */
    private int serve(Function<Map<String, String>, Integer> answer, boolean closeEach) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/cgi-bin/sendsms", exchange -> {
            try (exchange) {
                Map<String, String> query = query(exchange);
                received.add(query);
                clientPorts.add(exchange.getRemoteAddress().getPort());
                int status = answer.apply(query);
                byte[] body = (status == 202 ? "0: Accepted for delivery" : "Authorization failed")
                        .getBytes(StandardCharsets.US_ASCII);
                if (closeEach) {
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private record Outcome(int exit, String report) {
    }

    private static Outcome run(String... args) {
        HttpSmsLoad load = new HttpSmsLoad();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        load.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(load).execute(args);
        return new Outcome(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyMessageIsSentOnceWithItsParametersOverKeptConnections() throws IOException {
        int port = serve(q -> 202, false);

        Outcome outcome = run("--url", "http://127.0.0.1:" + port + "/cgi-bin/sendsms", "--username", "tester",
                "--password", "s3cret&x", "--messages", "300", "--connections", "8", "--dest-count", "1000",
                "--param", "dlr-mask=0", "--param", "smsc=sim");

        assertEquals(0, outcome.exit(), outcome.report());
        assertTrue(outcome.report().contains("accepted    300 (2xx)"), outcome.report());
        assertEquals(300, received.size());
        Set<String> destinations = new HashSet<>();
        Set<String> texts = new HashSet<>();
        for (Map<String, String> q : received) {
            assertEquals("tester", q.get("username"));
            assertEquals("s3cret&x", q.get("password"), "the password is URL-encoded");
            assertEquals("1000", q.get("from"));
            assertEquals("0", q.get("dlr-mask"));
            assertEquals("sim", q.get("smsc"));
            destinations.add(q.get("to"));
            texts.add(q.get("text"));
        }
        Set<String> expected = new HashSet<>();
        Set<String> expectedTexts = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            expected.add(String.format("4470%03d", i));
            expectedTexts.add("load message " + i);
        }
        assertEquals(expected, destinations);
        assertEquals(expectedTexts, texts);
        assertTrue(clientPorts.size() <= 8, "keep-alive: at most 8 connections, was " + clientPorts.size());
    }

    @Test
    void refusedRequestsAreCountedByStatusAndFailTheRun() throws IOException {
        int port = serve(q -> Integer.parseInt(q.get("text").replace("load message ", "")) % 3 == 0 ? 403 : 202, false);

        Outcome outcome = run("--url", "http://127.0.0.1:" + port + "/cgi-bin/sendsms", "--messages", "90",
                "--connections", "4");

        assertEquals(1, outcome.exit(), outcome.report());
        assertTrue(outcome.report().contains("accepted    60 (2xx)"), outcome.report());
        assertTrue(outcome.report().contains("refused     30 {403=30}"), outcome.report());
        assertEquals(90, received.size());
    }

    @Test
    void aServerClosingEveryConnectionStillGetsEveryMessageOnce() throws IOException {
        int port = serve(q -> 202, true);

        Outcome outcome = run("--url", "http://127.0.0.1:" + port + "/cgi-bin/sendsms", "--messages", "40",
                "--connections", "2");

        assertEquals(0, outcome.exit(), outcome.report());
        assertEquals(40, received.size());
        assertEquals(40, received.stream().map(q -> q.get("text")).distinct().count());
        assertTrue(clientPorts.size() > 2, "a new connection after each close, saw " + clientPorts.size());
    }

    @Test
    void nothingListeningEndsTheRunWithAFailure() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        Outcome outcome = run("--url", "http://127.0.0.1:" + port + "/cgi-bin/sendsms", "--messages", "10");

        assertEquals(1, outcome.exit(), outcome.report());
        assertTrue(outcome.report().contains("FAILED: cannot connect"), outcome.report());
    }

    @Test
    void badOptionsAreRefused() {
        assertEquals(2, run("--url", "http://127.0.0.1:1/x", "--connections", "0").exit());
        assertEquals(2, run("--url", "https://127.0.0.1:1/x").exit());
        assertEquals(2, run("--url", "http://127.0.0.1:1/x", "--param", "novalue").exit());
        assertEquals(2, run("--url", "http://127.0.0.1:1/x", "--messages", "0").exit());
    }
}
