package io.edgegw.core.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker for a test: one KRaft node, broker and controller combined, in a child JVM with this
 * JVM's class path ({@code kafka_2.13} is a test dependency), on 127.0.0.1 with ports chosen free at format time and
 * kept across {@link #stop()} and {@link #start()}, its log directory under the test's temporary directory.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final Path properties;
    private final int port;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort) throws IOException {
        this.dir = dir;
        this.port = port;
        this.properties = dir.resolve("server.properties");
        Files.writeString(properties, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%d
                listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                advertised.listeners=PLAINTEXT://127.0.0.1:%d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                """.formatted(controllerPort, port, controllerPort, port, dir.resolve("logs")));
    }

    /** A broker with a freshly formatted log directory under {@code dir}, not started. */
    public static KafkaBroker format(Path dir) throws Exception {
        KafkaBroker b = new KafkaBroker(Files.createDirectories(dir), freePort(), freePort());
        Process f = b.java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                b.properties.toString()).start();
        if (!f.waitFor(60, TimeUnit.SECONDS) || f.exitValue() != 0) {
            f.destroyForcibly();
            throw new IllegalStateException("kafka-storage format failed: " + Files.readString(dir.resolve("format.log")));
        }
        return b;
    }

    private ProcessBuilder java(String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:TieredStopAtLevel=1"); // starts faster; a test broker carries little
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(List.of(args));
        String log = main.endsWith("StorageTool") ? "format.log" : "broker.log";
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile()));
    }

    /** Starts it and waits (at most a minute) until it answers and has {@code topics} (3 partitions each). */
    public void start(String... topics) throws Exception {
        process = java("kafka.Kafka", properties.toString()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2_000))) {
            while (true) {
                try {
                    var existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
                    for (String t : topics) {
                        if (!existing.contains(t)) {
                            admin.createTopics(List.of(new NewTopic(t, 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
                        }
                    }
                    return;
                } catch (Exception e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("kafka broker did not start: " + e + "\n"
                                + Files.readString(dir.resolve("broker.log")), e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** Stops it (SIGTERM, a controlled shutdown; SIGKILL after 30 s). */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** What the broker printed (its log), for a failing test's message. */
    public String log() throws IOException {
        Path log = dir.resolve("broker.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** How long a test may wait for a broker's round trip, at most. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);
}
