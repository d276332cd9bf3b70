package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.sip.CallLoad;
import io.edgegw.simulator.sip.CallLoadConfig;
import io.edgegw.simulator.sip.CallReport;
import io.edgegw.simulator.sip.SimulatedTrunk;
import io.edgegw.simulator.sip.TrunkConfig;
import io.edgegw.simulator.load.LoadConfig;
import io.edgegw.simulator.load.LoadGenerator;
import io.edgegw.simulator.load.LoadReport;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * What a real gateway serves on {@code /metrics} after a little traffic through two simulated carriers, each with an
 * SMSC and a SIP trunk (so SIP is on and its series exist): the source of truth the dashboard, the alerts and
 * docs/METRICS.md are checked against.
 */
record MetricsScrape(String text) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\\w+)", Pattern.MULTILINE);
    private static final Pattern SUFFIXED = Pattern.compile("(.+)_(bucket|count|sum)");

    static MetricsScrape ofRunningGateway(Path storage) throws Exception {
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        // cluster.redis on, as instance 0 of 2 so the tenant streams' series exist too: a real Redis where
        // deploy/ci/test-tools installed one, else a port nobody listens on (the series are there either way, the
        // connection is not)
        try (RedisServer redis = RedisServer.BINARY == null ? null : RedisServer.start(storage.resolve("redis"));
             SimulatedSmsc a = SimulatedSmsc.start(sim); SimulatedSmsc b = SimulatedSmsc.start(sim);
             SimulatedTrunk trunkA = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0));
             SimulatedTrunk trunkB = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0));
             Gateway g = Gateway.start(ConfigLoader.parse("""
                     smpp: { host: 127.0.0.1, port: 0 }
                     admin: { host: 127.0.0.1, port: 0 }
                     storage: { dir: '%s' }
                     sip: { enabled: true, host: 127.0.0.1, port: 0 }
                     cluster: { instance: 0, instances: 2, redis: { uri: '%s' } }
                     tenants:
                       - { id: acme, systemId: acme, password: acme, sipSources: [127.0.0.1/32], numbers: ['3312'] }
                     carriers:
                       - { id: telco-a, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 50,
                           endpoints: [{ host: 127.0.0.1, port: %d }], sip: { host: 127.0.0.1, port: %d } }
                       - { id: telco-b, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 50,
                           endpoints: [{ host: 127.0.0.1, port: %d }], sip: { host: 127.0.0.1, port: %d } }
                     routes:
                       - { prefix: '', carriers: [telco-a, telco-b] }
                     """.formatted(storage.toAbsolutePath(), redis == null ? "redis://127.0.0.1:1" : redis.uri(), a.port(), trunkA.port(), b.port(), trunkB.port())))) {
            LoadReport r = new LoadGenerator(new LoadConfig("127.0.0.1", g.listeners().get("smpp").getPort(), "acme",
                    "acme", 2, 200, 0, 1_000, 100, "1000", "4470", 1_000_000, true, 30, 10, 60, false),
                    new PrintStream(OutputStream.nullOutputStream())).run();
            if (r.acknowledged() != 200) {
                throw new IllegalStateException("load did not get through: " + r.acknowledged() + " of 200");
            }
            try (CallLoad calls = new CallLoad(CallLoadConfig.of("127.0.0.1", g.listeners().get("sip").getPort(), 50,
                    20, "4470"))) {
                CallReport c = calls.run();
                if (c.answered() != 20) {
                    throw new IllegalStateException("calls did not get through: " + c.answered() + " of 20 answered");
                }
            }
            URI metrics = URI.create("http://127.0.0.1:" + g.listeners().get("admin").getPort() + "/metrics");
            // Micrometer registers the GC pause meters at the first collection it is told of: ask for one
            String[] text = new String[1];
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                text[0] = get(metrics);
                if (text[0].contains("jvm_gc_pause_seconds_count")) {
                    return true;
                }
                System.gc();
                return false;
            });
            return new MetricsScrape(text[0]);
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        if (m.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + m.statusCode());
        }
        return m.body();
    }

    /** Every series name with samples, as a query would name it (counters with _total, histograms with _bucket...). */
    Set<String> seriesNames() {
        return all(SAMPLE);
    }

    /** Family name to type ("counter", "gauge", "histogram", "summary"), from the # TYPE lines. */
    Map<String, String> families() {
        Map<String, String> out = new TreeMap<>();
        Matcher m = TYPE.matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /**
     * Whether a query naming {@code name} finds it here: a sample of that name, or a histogram/summary family's
     * _bucket/_count/_sum series (which have no samples until the first observation of a label set).
     */
    boolean serves(String name) {
        if (seriesNames().contains(name)) {
            return true;
        }
        Matcher m = SUFFIXED.matcher(name);
        return m.matches() && families().containsKey(m.group(1))
                && !families().get(m.group(1)).equals("counter") && !families().get(m.group(1)).equals("gauge");
    }

    private Set<String> all(Pattern p) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
