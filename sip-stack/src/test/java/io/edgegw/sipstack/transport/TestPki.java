package io.edgegw.sipstack.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made at test time with the {@code openssl} command (EC P-256, PEM, keys PKCS#8): a CA, a server
 * certificate for IP 127.0.0.1 and a client certificate both signed by it, and a rogue CA with its own client
 * certificate that the real CA does not vouch for. Public, in sip-stack's test-jar, for the TLS tests of sip-connector and carrier-simulator.
 */
public final class TestPki {
    public final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    public static TestPki create(Path dir) throws Exception {
        TestPki pki = new TestPki(dir);
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
        Files.writeString(dir.resolve("client.ext"), "basicConstraints=CA:FALSE\n");
        pki.ca("ca");
        pki.ca("rogue-ca");
        pki.leaf("server", "ca", "server.ext");
        pki.leaf("client", "ca", "client.ext");
        pki.leaf("rogue-client", "rogue-ca", "client.ext");
        return pki;
    }

    /**
     * A further server certificate for IP 127.0.0.1, {@code name}.pem and .key, signed by {@code ca} ({@code "ca"} or
     * {@code "rogue-ca"}), with a serial of its own: for tests that renew a certificate or need an untrusted server.
     */
    public void issueServer(String name, String ca) throws Exception {
        leaf(name, ca, "server.ext");
    }

    public Path pem(String name) {
        return dir.resolve(name + ".pem");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    private void ca(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=" + name);
    }

    private void leaf(String name, String ca, String ext) throws Exception {
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", ext);
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
