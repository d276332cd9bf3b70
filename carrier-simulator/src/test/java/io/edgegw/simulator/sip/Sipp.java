package io.edgegw.simulator.sip;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/** SIPp (Debian's sip-tester), an independent SIP peer, run as a process in a test's directory. */
final class Sipp implements AutoCloseable {
    private final Process process;
    private final Path output;

    private Sipp(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code sipp args...} with its working files and output in {@code dir}. */
    static Sipp start(Path dir, String... args) throws Exception {
        Path sipp = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "sipp")).filter(Files::isExecutable).findFirst()
                .orElseGet(() -> fail("sipp missing: install Debian's sip-tester (deploy/ci/test-tools does)"));
        List<String> command = new ArrayList<>(List.of(sipp.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-nostdin", "-trace_err"));
        Path output = dir.resolve("sipp-output.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new Sipp(process, output);
    }

    /** SIPp's exit code: 0 when every call of its scenario succeeded. Fails the test when it does not end in time. */
    int exitCode(long timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("sipp did not finish; " + report());
        }
        return process.exitValue();
    }

    /** Whether a TCP listener is accepting on 127.0.0.1:{@code port} (SIPp as callee, once it is up). */
    static boolean acceptsTcp(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** A port free on 127.0.0.1 for both UDP and TCP just now. */
    static int freePort() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                 ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress("127.0.0.1", udp.getLocalPort()));
                return udp.getLocalPort();
            } catch (java.io.IOException taken) {
                // that UDP port's TCP twin is in use; try another
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP");
    }

    /** SIPp's output and error log, the tail of each, for a failure message. */
    String report() {
        StringBuilder sb = new StringBuilder("sipp output in " + output.toAbsolutePath() + ":\n");
        try (Stream<Path> files = Files.list(output.getParent())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".txt") || f.toString().endsWith(".log")).toList()) {
                String text = Files.readString(f);
                sb.append("--- ").append(f.getFileName()).append('\n')
                        .append(text.length() > 3000 ? text.substring(text.length() - 3000) : text);
            }
        } catch (Exception e) {
            sb.append(e);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
