package io.edgegw.deploy.scenario;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One cluster run, in its phases: Redis, three instances, HAProxy in front of them, two carriers; both tenants bind
 * through HAProxy and submit; at a third of alpha's messages acknowledged one instance is SIGKILLed and started again
 * on its directory, at two thirds Redis is SIGKILLed and started again (as {@code --fault} asks); then it waits
 * (bounded) until every acknowledged message reached a carrier and every receipt its tenant.
 */
final class ClusterRun {
    static final int INSTANCES = 3;
    /** The instance killed: neither the first nor the last, for no reason but to show it can be any. */
    private static final int VICTIM = 1;
    private static final long BIND_SECONDS = 60;
    private static final long REDIS_DOWN_MILLIS = 2_000;

    private final ClusterCommand options;
    private final PrintStream out;
    private final long began = System.nanoTime();
    private final CarrierLedger carriers;
    private final ClusterTenant alpha;
    private final ClusterTenant beta;
    private final int front;

    ClusterRun(ClusterCommand options, PrintStream out) throws IOException {
        this.options = options;
        this.out = out;
        this.front = RestartHarness.freePort();
        int alphaMessages = options.messages - options.messages / 4;
        int betaMessages = options.messages / 4;
        this.carriers = new CarrierLedger(options.messages);
        int alphaRate = options.rate == 0 ? 0 : Math.max(1, options.rate * 3 / 4);
        int betaRate = options.rate == 0 ? 0 : Math.max(1, options.rate / 4);
        // even messages go to carrier red (4470...), odd ones to blue (4471...)
        this.alpha = new ClusterTenant("alpha", options.sessions, options.window, front,
                new SubmitSchedule(alphaMessages, alphaRate), new TenantLedger(alphaMessages, 1, 0), "1000",
                ClusterRun::destination);
        this.beta = new ClusterTenant("beta", Math.max(1, options.sessions / 2), options.window, front,
                new SubmitSchedule(betaMessages, betaRate), new TenantLedger(betaMessages, 1, alphaMessages), "2000",
                ClusterRun::destination);
    }

    static String destination(int n) {
        return (n % 2 == 0 ? "4470" : "4471") + (1_000_000 + n % 1_000_000);
    }

    ClusterReport run(Path work) throws IOException, InterruptedException {
        SmscConfig red = carrier("red");
        SmscConfig blue = carrier("blue");
        List<Instance> instances = new ArrayList<>();
        try (RedisProcess redis = new RedisProcess(work.resolve("redis"), RestartHarness.freePort());
             SimulatedSmsc redSmsc = SimulatedSmsc.start(red, carriers);
             SimulatedSmsc blueSmsc = SimulatedSmsc.start(blue, carriers)) {
            redis.start();
            try {
                for (int i = 0; i < INSTANCES; i++) {
                    instances.add(Instance.start(work, i, redis.uri(), redSmsc.port(), blueSmsc.port()));
                }
                // HAProxy's first checks then find them up, rather than marking them down for two check intervals
                waitFor("every instance's /health", () -> instances.stream().allMatch(Instance::healthy), BIND_SECONDS,
                        instances);
                try (HaproxyProcess haproxy = HaproxyProcess.start(work, front,
                        instances.stream().map(Instance::haproxy).toList())) {
                    out.printf("cluster: Redis %s, instances on SMPP %s, HAProxy on 127.0.0.1:%d, carriers red :%d "
                                    + "and blue :%d delivering receipts on random binds; work in %s%n", redis.uri(),
                            instances.stream().map(i -> String.valueOf(i.smppPort)).toList(), front, redSmsc.port(),
                            blueSmsc.port(), work);
                    return load(redis, instances);
                }
            } finally {
                for (Instance i : instances) {
                    i.process.stop();
                    i.process.close();
                }
            }
        } finally {
            alpha.close();
            beta.close();
        }
    }

    private SmscConfig carrier(String id) {
        return new SmscConfig(id, "127.0.0.1", 0, "edge", "edge", 0, options.receiptDelayMillis, null, 0, null,
                true, SmscConfig.DEFAULT_RECEIPT_RESEND_MILLIS, SmscConfig.DEFAULT_HELD_RECEIPT_LIMIT, true);
    }

    private ClusterReport load(RedisProcess redis, List<Instance> instances) throws IOException, InterruptedException {
        alpha.start();
        beta.start();
        waitFor("every tenant session bound through HAProxy", () -> alpha.boundSessions() == alpha.sessions()
                && beta.boundSessions() == beta.sessions(), BIND_SECONDS, instances);
        out.printf("cluster: %d messages at %s; alpha binds %d sessions, beta %d, through HAProxy; faults: %s%n",
                options.messages, options.rate == 0 ? "full speed" : options.rate + " msg/s", alpha.sessions(),
                beta.sessions(), options.fault);
        alpha.startSubmitting();
        beta.startSubmitting();
        int alphaMessages = alpha.ledger.messages();
        long killAt = options.fault == ClusterCommand.Fault.both ? alphaMessages / 3 : alphaMessages / 2;
        long redisAt = options.fault == ClusterCommand.Fault.both ? 2L * alphaMessages / 3 : alphaMessages / 2;
        int killExit = 0;
        long acknowledgedAtKill = 0;
        long acknowledgedAtRedis = 0;
        long loadSeconds = loadBoundSeconds();
        if (options.fault.kills()) {
            waitFor("alpha's " + killAt + "th acknowledgement", () -> alpha.ledger.acknowledged() >= killAt,
                    loadSeconds, instances);
            Instance victim = instances.get(VICTIM);
            acknowledgedAtKill = alpha.ledger.acknowledged() + beta.ledger.acknowledged();
            killExit = victim.process.kill();
            out.printf("cluster: kill -9 instance %d (pid %d, exit %d) at %d acknowledged; starting it again on its "
                    + "directory%n", VICTIM, victim.process.pid(), killExit, acknowledgedAtKill);
            victim.restart();
        }
        if (options.fault.restartsRedis()) {
            waitFor("alpha's " + redisAt + "th acknowledgement", () -> alpha.ledger.acknowledged() >= redisAt,
                    loadSeconds, instances);
            acknowledgedAtRedis = alpha.ledger.acknowledged() + beta.ledger.acknowledged();
            redis.kill();
            out.printf("cluster: kill -9 Redis at %d acknowledged; starting it again in %d ms on its append-only "
                    + "file%n", acknowledgedAtRedis, REDIS_DOWN_MILLIS);
            Thread.sleep(REDIS_DOWN_MILLIS);
            redis.start();
        }
        waitFor("the tenants' last submit answered", () -> alpha.doneSubmitting() && beta.doneSubmitting(),
                loadSeconds, instances);
        waitFor("every acknowledged message at a carrier and its receipt at its tenant", () -> settled(alpha)
                && settled(beta), options.timeoutSeconds, instances);
        alpha.unbind();
        beta.unbind();
        for (Instance i : instances) {
            out.println("cluster: instance " + i.ordinal + ": " + i.streamCounts());
        }
        List<String> dead = new ArrayList<>();
        for (Instance i : instances) {
            if (!i.process.isAlive()) {
                dead.add("instance " + i.ordinal + " died; log " + i.process.log() + ":\n" + i.process.logTail(20));
            }
        }
        return ClusterReport.measure(alpha, beta, carriers, options.fault, killExit, acknowledgedAtKill,
                acknowledgedAtRedis, dead);
    }

    private boolean settled(ClusterTenant t) {
        return t.ledger.notYetAt(carriers) == 0 && t.ledger.receiptsDue() == 0;
    }

    /** Time to send the messages at the rate, twice over, plus margin for three cold JVMs. */
    private long loadBoundSeconds() {
        return 60 + (options.rate == 0 ? options.messages / 500 : 2L * options.messages / options.rate);
    }

    /**
     * Checks {@code done} every 10 ms for at most {@code seconds}, printing a progress line each second; returns
     * quietly on timeout (the report then tells what is missing).
     */
    private void waitFor(String what, BooleanSupplier done, long seconds, List<Instance> instances)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long nextProgress = System.nanoTime() + 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                out.printf("cluster: gave up waiting for %s after %d s%n", what, seconds);
                return;
            }
            Thread.sleep(10);
            if (System.nanoTime() - nextProgress >= 0) {
                nextProgress += 1_000_000_000L;
                out.printf("cluster: t=%ds acknowledged=%d carrier-accepted=%d receipts=%d outstanding=%d "
                                + "bound=%d+%d instances-up=%d%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began),
                        alpha.ledger.acknowledged() + beta.ledger.acknowledged(), carriers.accepted(),
                        alpha.ledger.receiptsReceived() + beta.ledger.receiptsReceived(),
                        alpha.outstanding() + beta.outstanding(), alpha.boundSessions(), beta.boundSessions(),
                        instances.stream().filter(i -> i.process.isAlive()).count());
            }
        }
    }

    /** One gateway instance: its ports, config and process (replaced when it is restarted). */
    private static final class Instance {
        final int ordinal;
        final int smppPort;
        final int adminPort;
        final Path config;
        final Path dir;
        GatewayProcess process;
        private int starts;

        private Instance(int ordinal, int smppPort, int adminPort, Path config, Path dir) {
            this.ordinal = ordinal;
            this.smppPort = smppPort;
            this.adminPort = adminPort;
            this.config = config;
            this.dir = dir;
        }

        static Instance start(Path work, int ordinal, String redisUri, int redPort, int bluePort) throws IOException {
            Path dir = Files.createDirectories(work.resolve("instance-" + ordinal));
            int smpp = RestartHarness.freePort();
            int admin = RestartHarness.freePort();
            Path config = dir.resolve("edge.yaml");
            Files.writeString(config, config(dir, ordinal, smpp, admin, redisUri, redPort, bluePort));
            Instance i = new Instance(ordinal, smpp, admin, config, dir);
            i.restart();
            return i;
        }

        void restart() throws IOException {
            starts++;
            process = GatewayProcess.start(config, dir.resolve("gateway-" + starts + ".log"), List.of("-Xmx1g"));
        }

        /** GET /health on its admin port answers 200, as HAProxy's check asks. */
        boolean healthy() {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + adminPort + "/health")
                        .toURL().openConnection();
                c.setConnectTimeout(1_000);
                c.setReadTimeout(1_000);
                try {
                    return c.getResponseCode() == 200;
                } finally {
                    c.disconnect();
                }
            } catch (IOException e) {
                return false;
            }
        }

        /** Its Redis stream counters from {@code /metrics}, for the lines above the verdict. */
        String streamCounts() {
            StringBuilder line = new StringBuilder();
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + adminPort + "/metrics")
                        .toURL().openConnection();
                c.setConnectTimeout(2_000);
                c.setReadTimeout(5_000);
                try (var in = c.getInputStream()) {
                    Map<String, Double> sums = new TreeMap<>();
                    for (String l : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                        for (String name : STREAM_COUNTERS) {
                            if (l.startsWith(name + " ")) {
                                sums.merge(name, Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), Double::sum);
                            } else if (l.startsWith(name + "{")) { // by its one tag's value: command, result, tenant
                                int q = l.indexOf('"');
                                String key = name + (name.contains("tenant") ? "" : ":" + l.substring(q + 1, l.indexOf('"', q + 1)));
                                sums.merge(key, Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), Double::sum);
                            }
                        }
                    }
                    sums.forEach((k, v) -> line.append(k.replace("edge_", "").replace("_total", "")).append('=')
                            .append(v.longValue()).append(' '));
                }
            } catch (IOException | RuntimeException e) {
                return "metrics not read: " + e;
            }
            return line.toString().trim();
        }

        private static final List<String> STREAM_COUNTERS = List.of("edge_redis_stream_forwarded_total",
                "edge_redis_stream_relayed_total", "edge_redis_stream_claimed_total", "edge_tenant_handed_back_total",
                "edge_redis_command_errors_total", "edge_redis_lookups_total", "edge_redis_round_seconds_max");

        HaproxyProcess.Instance haproxy() {
            return new HaproxyProcess.Instance("edge-" + ordinal, smppPort, adminPort);
        }

        /**
         * Instance {@code ordinal} of three: behind HAProxy (PROXY protocol from 127.0.0.1), its own storage, the
         * shared Redis; both tenants, each carrier's six binds split two per instance, even numbers to red and odd
         * ones to blue.
         */
        static String config(Path dir, int ordinal, int smpp, int admin, String redisUri, int redPort, int bluePort) {
            return """
                    smpp: { host: 127.0.0.1, port: %d, proxyProtocol: { enabled: true, trustedSources: [127.0.0.1] } }
                    admin: { host: 127.0.0.1, port: %d }
                    storage: { dir: '%s' }
                    cluster:
                      instance: %d
                      instances: %d
                      redis: { uri: '%s' }
                    tenants:
                      - { id: alpha, systemId: alpha, password: alpha, window: 100, maxBinds: 30 }
                      - { id: beta, systemId: beta, password: beta, window: 100, maxBinds: 30 }
                    carriers:
                      - { id: red, systemId: edge, password: edge, bindsPerEndpoint: 6, window: 100,
                          reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                      - { id: blue, systemId: edge, password: edge, bindsPerEndpoint: 6, window: 100,
                          reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                    routes:
                      - { prefix: '4470', carriers: [red] }
                      - { prefix: '4471', carriers: [blue] }
                    """.formatted(smpp, admin, dir.resolve("queues"), ordinal, INSTANCES, redisUri, redPort,
                    bluePort);
        }
    }
}
