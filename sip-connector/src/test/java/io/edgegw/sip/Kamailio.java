package io.edgegw.sip;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kamailio (Debian's kamailio with kamailio-tls-modules) running {@code /kamailio/tls-relay.cfg} from the test
 * resources: an independent TLS peer on both legs of a call, UDP toward SIPp. Runs in the foreground in its own
 * directory, on 127.0.0.1 only, and is stopped by {@link #close()}.
 */
final class Kamailio implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/kamailio");
    private static final Path TLS_MODULE = Path.of("/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so");

    private final Process process;
    private final Path log;

    private Kamailio(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * A relay taking UDP on {@code udpPort} (toward the gateway's TLS listener on 127.0.0.1:{@code gatewayTlsPort})
     * and TLS on {@code tlsPort} (toward the UAS on 127.0.0.1:{@code uasPort}), with the certificates in {@code
     * certs} (TestPki's names); ready once its TLS port accepts connections.
     */
    static Kamailio tlsRelay(Path dir, Path certs, int udpPort, int tlsPort, int gatewayTlsPort, int uasPort)
            throws IOException {
        if (!Files.isExecutable(BINARY) || !Files.exists(TLS_MODULE)) {
            fail("kamailio or its tls module missing: install Debian's kamailio and kamailio-tls-modules "
                    + "(deploy/ci/test-tools does)");
        }
        Files.createDirectories(dir);
        Path cfg = copy("/kamailio/tls-relay.cfg", dir.resolve("tls-relay.cfg"));
        Path tlsCfg = dir.resolve("tls.cfg");
        Files.writeString(tlsCfg, resource("/kamailio/tls-relay.tls.cfg").replace("CERTS", certs.toString()));
        Path log = dir.resolve("kamailio.out");
        Process p = new ProcessBuilder(List.of(BINARY.toString(), "-DD", "-E", "-f", cfg.toString(),
                "-Y", dir.toString(), "-m", "64", "-M", "8",
                "-A", "UDP_PORT=" + udpPort, "-A", "TLS_PORT=" + tlsPort,
                "-A", "GATEWAY_PORT=" + gatewayTlsPort,
                "-A", "GATEWAY=\"sip:127.0.0.1:" + gatewayTlsPort + ";transport=tls\"",
                "-A", "UAS=\"sip:127.0.0.1:" + uasPort + "\"",
                "-A", "TLS_CFG=\"" + tlsCfg + "\""))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Kamailio k = new Kamailio(p, log);
        try {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                if (!p.isAlive()) {
                    throw new AssertionError("kamailio exited: " + k.report());
                }
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tlsPort)) {
                    return true;
                }
            });
        } catch (RuntimeException | Error e) {
            k.close();
            throw new AssertionError("kamailio did not start:\n" + k.report(), e);
        }
        return k;
    }

    /** Its log, for a failure message. */
    String report() {
        try {
            String text = Files.readString(log);
            return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: the main process stops its children
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path copy(String resource, Path to) throws IOException {
        Files.writeString(to, resource(resource));
        return to;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(Kamailio.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes());
        }
    }
}
