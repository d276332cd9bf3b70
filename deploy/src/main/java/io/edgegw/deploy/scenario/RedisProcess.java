package io.edgegw.deploy.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server as a child process on 127.0.0.1, running the shipped deploy/redis/redis.conf (append-only,
 * {@code appendfsync always}, no eviction) with only its port and directory changed: a write Redis answered is on
 * disk, so {@link #kill} then {@link #start} loses nothing the gateways relied on.
 */
final class RedisProcess implements AutoCloseable {
    private static final long READY_MILLIS = 20_000;

    private final Path dir;
    private final int port;
    private Process process;

    RedisProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts it (again, on the same port and directory) and waits until it answers PING with its data loaded. */
    void start() throws IOException, InterruptedException {
        if (ShippedFiles.REDIS == null) {
            throw new IllegalStateException("redis-server is not installed (deploy/ci/test-tools installs Debian's)");
        }
        Files.createDirectories(dir);
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, ShippedFiles.text("redis.conf"));
        process = new ProcessBuilder(List.of(ShippedFiles.REDIS.toString(), conf.toString(), "--port",
                Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(), "--daemonize", "no"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (true) {
            // a restarted server answers -LOADING until its append-only file is read
            String reply = pingQuietly();
            if ("+PONG".equals(reply)) {
                return;
            }
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("redis-server on port " + port + " did not come up (last answer "
                        + reply + "); log " + dir.resolve("redis.log"));
            }
            Thread.sleep(50);
        }
    }

    private String pingQuietly() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2_000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** kill -9: no shutdown save, no goodbye to its clients. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
