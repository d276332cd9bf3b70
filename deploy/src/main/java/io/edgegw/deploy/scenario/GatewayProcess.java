package io.edgegw.deploy.scenario;

import io.edgegw.deploy.EdgeCommand;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as a separate OS process, {@code java <flags> -cp <this classpath> EdgeCommand up --config FILE},
 * so it can be killed for real. Same java as this process; output goes to a log file. A shutdown hook kills it
 * if this process ends first, so no gateway is left behind.
 */
final class GatewayProcess implements AutoCloseable {
    /** What {@link Process#exitValue()} reports for a process ended by SIGKILL (128 + 9). */
    static final int KILLED_BY_SIGKILL = 137;
    private static final long STOP_GRACE_SECONDS = 15;

    private final Process process;
    private final long startedNanos;
    private final Path log;
    private final Thread reaper;

    private GatewayProcess(Process process, long startedNanos, Path log) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "edge-scenario-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static GatewayProcess start(Path config, Path log) throws IOException {
        return start(config, log, List.of());
    }

    /** @param extraFlags JVM flags after the build's own, e.g. {@code -Xmx512m} */
    static GatewayProcess start(Path config, Path log, List<String> extraFlags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EdgeCommand.class.getName());
        command.addAll(List.of("up", "--config", config.toString()));
        long startedNanos = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        return new GatewayProcess(process, startedNanos, log);
    }

    /** The flags from {@code gateway-jvm.properties}, which the build fills from the root pom. */
    static List<String> jvmFlags() throws IOException {
        Properties props = new Properties();
        try (InputStream in = GatewayProcess.class.getResourceAsStream("gateway-jvm.properties")) {
            if (in == null) {
                throw new IllegalStateException("gateway-jvm.properties missing from the classpath");
            }
            props.load(in);
        }
        String flags = props.getProperty("flags", "").trim();
        if (flags.isEmpty() || flags.contains("${")) {
            throw new IllegalStateException("gateway-jvm.properties was not filtered by the build: '" + flags + "'");
        }
        return Arrays.asList(flags.split("\\s+"));
    }

    long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was spawned. */
    long startedNanos() {
        return startedNanos;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** SIGKILL (on Linux {@link Process#destroyForcibly()} is kill -9): no shutdown hook, no close. Returns the exit value. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gateway pid " + pid() + " still alive 10 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** How a process ended after SIGTERM: its exit value and how long after the signal; {@code code} -1 if it hung. */
    record Exit(int code, long millis) {
    }

    /**
     * SIGTERM, timed: waits at most {@code seconds} for the process to exit, then kills it (exit code -1 then).
     * The time is from just before the signal until the process is gone.
     */
    Exit terminate(long seconds) throws InterruptedException {
        long signalled = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Exit(-1, millis);
        }
        return new Exit(process.exitValue(), millis);
    }

    /** SIGTERM, so the gateway closes its queues through its shutdown hook; SIGKILL if it takes too long. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The last {@code lines} lines of the log, for a failure message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs and finds the process gone
        }
    }
}
