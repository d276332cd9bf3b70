package io.edgegw.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code openssl} command as an independent raw TLS peer: {@code s_client} sending SIP text to the gateway's
 * TLS listener, or {@code s_server} standing in for a trunk. What it prints (received data, alerts, errors) is
 * collected for the test to read.
 */
final class Openssl implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();

    private Openssl(List<String> command, Path dir) throws IOException {
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = process.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ended) {
                // the process went away: what it printed is in output
            }
        }, "openssl-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * {@code s_client} to 127.0.0.1:{@code port}, checking the server's certificate against {@code ca} (it fails
     * rather than go on with a server it does not trust), showing {@code certificate} and {@code key} when not null.
     * {@code -quiet} keeps the connection open after its input ends, until the server closes it.
     */
    static Openssl client(Path dir, int port, Path ca, Path certificate, Path key) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-CAfile", ca.toString(), "-verify_return_error", "-quiet"));
        if (certificate != null) {
            cmd.addAll(List.of("-cert", certificate.toString(), "-key", key.toString()));
        }
        return new Openssl(cmd, dir);
    }

    /** {@code s_server} on 127.0.0.1:{@code port} with this certificate, printing what it receives. */
    static Openssl server(Path dir, int port, Path certificate, Path key) throws IOException {
        return new Openssl(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                certificate.toString(), "-key", key.toString()), dir);
    }

    /** Writes to the peer's stdin; one the other side refused may have exited first, which its output then shows. */
    void send(String text) throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        try {
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException brokenPipe) {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                throw brokenPipe; // still running: a real failure to write
            }
        }
    }

    String output() {
        return output.toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
