package io.edgegw.simulator.smsc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgegw.simulator.SmppStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP endpoint on the loopback address to change a running simulator's faults:
 * {@code GET /faults}, {@code POST /faults?silent=on&errors=ESME_RSYSERR=50}, {@code POST /faults/clear},
 * {@code GET /status}. Plain text in and out; a bad request gets 400 and a line saying what was wrong.
 * Runs on its own single thread, never on the SMSC's event loops.
 */
public final class FaultAdmin implements AutoCloseable {
    static final String KEYS = "refuseBinds, drop, dropAfterMs, silent, throttle, errors, latencyMs, latencyShare, "
            + "receipts, receiptLoss";

    private final SimulatedSmsc smsc;
    private final HttpServer server;
    private final ExecutorService executor;

    private FaultAdmin(SimulatedSmsc smsc, HttpServer server, ExecutorService executor) {
        this.smsc = smsc;
        this.server = server;
        this.executor = executor;
    }

    /** Listens on 127.0.0.1:{@code port} (0 = ephemeral). */
    public static FaultAdmin start(SimulatedSmsc smsc, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fault-admin-" + smsc.config().id());
            t.setDaemon(true);
            return t;
        });
        FaultAdmin admin = new FaultAdmin(smsc, server, executor);
        server.createContext("/", admin::handle);
        server.setExecutor(executor);
        server.start();
        return admin;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/faults" -> {
                    if (method.equals("GET")) {
                        reply(exchange, 200, smsc.faults().current().toText());
                    } else if (method.equals("POST")) {
                        change(exchange);
                    } else {
                        notAllowed(exchange, "GET, POST");
                    }
                }
                case "/faults/clear" -> {
                    if (method.equals("POST")) {
                        smsc.faults().clear();
                        reply(exchange, 200, smsc.faults().current().toText());
                    } else {
                        notAllowed(exchange, "POST");
                    }
                }
                case "/status" -> {
                    if (method.equals("GET")) {
                        reply(exchange, 200, smsc.counters().statusLine() + " held=" + smsc.heldReceipts() + "\n");
                    } else {
                        notAllowed(exchange, "GET");
                    }
                }
                default -> reply(exchange, 404, "error: no such path " + path
                        + " (GET /faults, POST /faults?key=value, POST /faults/clear, GET /status)\n");
            }
        }
    }

    private void change(HttpExchange exchange) throws IOException {
        Map<String, String> params;
        Faults next;
        try {
            params = parseParams(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            parseParams(body.trim()).forEach((key, value) -> {
                if (params.putIfAbsent(key, value) != null) {
                    throw new IllegalArgumentException(key + " given twice");
                }
            });
            if (params.isEmpty()) {
                throw new IllegalArgumentException("no fault given; keys: " + KEYS);
            }
            next = smsc.faults().update(current -> apply(current, params));
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, "error: " + e.getMessage() + "\n");
            return;
        }
        String dropped = "";
        if (params.containsKey("drop")) {
            dropped = "dropped=" + smsc.faults().dropConnections() + "\n";
        }
        reply(exchange, 200, dropped + next.toText());
    }

    /** The faults after applying {@code params} (the keys of {@link Faults#toText()}) on top of {@code base}. */
    static Faults apply(Faults base, Map<String, String> params) {
        Faults f = base;
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim();
            f = switch (key) {
                case "refuseBinds" -> f.withRefusedBinds(isOff(value) ? 0 : SmppStatus.parse(value));
                case "drop" -> {
                    if (!value.equalsIgnoreCase("now")) {
                        throw new IllegalArgumentException("drop: only 'now' is understood, got '" + value + "'");
                    }
                    yield f;
                }
                case "dropAfterMs" -> f.withDropAfter(number(key, value));
                case "silent" -> f.withSilent(onOff(key, value));
                case "throttle" -> f.withThrottle(isOff(value) ? Faults.AS_CONFIGURED : (int) number(key, value));
                case "errors" -> f.withErrors(ErrorMix.parse(value));
                case "latencyMs" -> f.withLatency(number(key, value), f.latencyPercent());
                case "latencyShare" -> f.withLatency(f.extraLatencyMillis(), (int) number(key, value));
                case "receipts" -> f.withReceiptLoss(onOff(key, value) ? 0 : 100);
                case "receiptLoss" -> f.withReceiptLoss((int) number(key, value));
                default -> throw new IllegalArgumentException("unknown key '" + key + "'; keys: " + KEYS);
            };
        }
        return f;
    }

    private static boolean isOff(String value) {
        return value.equalsIgnoreCase("off") || value.equalsIgnoreCase("none");
    }

    private static boolean onOff(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException(key + ": expected on or off, got '" + value + "'");
        };
    }

    private static long number(String key, String value) {
        try {
            long n = Long.parseLong(value);
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(key + ": must be 0.." + Integer.MAX_VALUE + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: '" + value + "'");
        }
    }

    /** {@code a=1&b=x=2} into an ordered map; a value may itself hold '=' (error mixes do). */
    static Map<String, String> parseParams(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (eq < 0 && !key.equals("drop")) {
                throw new IllegalArgumentException("expected key=value, got '" + key + "'");
            }
            if (params.put(key, eq < 0 ? "now" : value) != null) {
                throw new IllegalArgumentException(key + " given twice");
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        reply(exchange, 405, "error: " + exchange.getRequestMethod() + " not allowed on "
                + exchange.getRequestURI().getPath() + " (allowed: " + allow + ")\n");
    }

    private static void reply(HttpExchange exchange, int code, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
