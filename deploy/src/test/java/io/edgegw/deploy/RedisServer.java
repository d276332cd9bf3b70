package io.edgegw.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real redis-server (Debian's, installed by deploy/ci/test-tools) of the test's own: loopback, an ephemeral port,
 * its data in the test's directory, never the machine's Redis. It runs the shipped deploy/redis/redis.conf
 * (append-only, {@code appendfsync always}) with only its port, address and directory changed: Redis answers a SET
 * only once it is on disk, so a correlation a gateway saw acknowledged survives a Redis crash, which {@link #kill} and {@link #start} play.
 */
final class RedisServer implements AutoCloseable {
    static final Path BINARY = Stream.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server")
            .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);

    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts one in {@code dir} on a free port and waits until it answers PING. */
    static RedisServer start(Path dir) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket reserve = new ServerSocket(0)) {
            port = reserve.getLocalPort();
        }
        RedisServer r = new RedisServer(dir, port);
        r.start();
        return r;
    }

    /** (Again) on the same port and directory: what it had made durable is read back from its append-only file. */
    void start() throws Exception {
        process = new ProcessBuilder(BINARY.toString(), shipped().toAbsolutePath().toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toAbsolutePath().toString(),
                "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> "+PONG".equals(command("PING")));
        // loaded: a restarted server answers PING with -LOADING until its append-only file is read
    }

    /** deploy/redis/redis.conf, whose persistence settings the guarantee rests on. */
    private static Path shipped() {
        return Stream.of(Path.of("redis", "redis.conf"), Path.of("deploy", "redis", "redis.conf"))
                .filter(Files::isRegularFile).findFirst().orElseThrow();
    }

    /** kill -9: no shutdown save, no goodbye to its clients. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** One inline command, its first reply line (enough for PING, DBSIZE, EXISTS, GET of short values). */
    String command(String inline) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (line.length() > 0 && line.charAt(0) == '$' && !line.toString().equals("$-1")) {
                line.setLength(0);
                while ((c = in.read()) >= 0 && c != '\n') {
                    if (c != '\r') {
                        line.append((char) c);
                    }
                }
            }
            return line.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
