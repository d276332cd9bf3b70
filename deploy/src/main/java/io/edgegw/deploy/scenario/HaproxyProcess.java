package io.edgegw.deploy.scenario;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's HAProxy as a child process running the shipped deploy/haproxy/haproxy.cfg's SMPP frontend and backend
 * (TCP mode, leastconn, health checks on each instance's {@code GET /health}, PROXY protocol v2 to the instances),
 * with the listener on a loopback port and the servers the given instances. The TLS and SIP sections are left out.
 */
final class HaproxyProcess implements AutoCloseable {
    private static final long READY_MILLIS = 20_000;

    /** One gateway instance behind it: its SMPP and admin ports on 127.0.0.1. */
    record Instance(String name, int smppPort, int adminPort) {
    }

    private final Process process;

    private HaproxyProcess(Process process) {
        this.process = process;
    }

    static HaproxyProcess start(Path dir, int frontPort, List<Instance> instances) throws IOException, InterruptedException {
        if (ShippedFiles.HAPROXY == null) {
            throw new IllegalStateException("haproxy is not installed (deploy/ci/test-tools installs Debian's)");
        }
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, config(ShippedFiles.text("haproxy.cfg"), frontPort, instances));
        Process p = new ProcessBuilder(ShippedFiles.HAPROXY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("haproxy.log").toFile()))
                .start();
        HaproxyProcess h = new HaproxyProcess(p);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", frontPort)) {
                return h;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() - deadline > 0) {
                    h.close();
                    throw new IllegalStateException("haproxy did not listen on " + frontPort + "; log "
                            + dir.resolve("haproxy.log"));
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * The shipped file up to its SMPP backend's servers, logging to stdout, listening on {@code frontPort}, with one
     * server line per instance (its own health-check port, since each instance's admin port differs here).
     */
    static String config(String shipped, int frontPort, List<Instance> instances) {
        String text = ShippedFiles.replace(shipped, "log /dev/log local0", "log stdout format raw local0");
        text = ShippedFiles.replace(text, "bind :2775", "bind 127.0.0.1:" + frontPort);
        int tls = text.indexOf("# SMPP over TLS");
        if (tls < 0) {
            throw new IllegalStateException("the shipped haproxy.cfg no longer has its '# SMPP over TLS' section");
        }
        text = text.substring(0, tls);
        String servers = instances.stream()
                .map(i -> "    server " + i.name() + " 127.0.0.1:" + i.smppPort() + " check port " + i.adminPort())
                .collect(Collectors.joining("\n", "", "\n"));
        return text.replaceAll("(?m)^\\s*server edge-\\d+ .*\\n", "").stripTrailing() + "\n" + servers;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
