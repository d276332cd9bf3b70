package io.edgegw.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/** SIPp (Debian's sip-tester) as an independent SIP peer, run in its own working directory. */
final class Sipp {
    private final Process process;
    private final Path dir;
    private final String name;

    private Sipp(Process process, Path dir, String name) {
        this.process = process;
        this.dir = dir;
        this.name = name;
    }

    /** Starts sipp with these arguments (after {@code -i 127.0.0.1 -p port}); its files land in {@code dir}. */
    static Sipp start(Path dir, String name, int port, String... args) throws IOException {
        return startOn("127.0.0.1", dir, name, port, args);
    }

    /** Likewise on another loopback address (e.g. 127.0.0.2, outside a tenant's sipSources). */
    static Sipp startOn(String address, Path dir, String name, int port, String... args) throws IOException {
        if (!onPath()) {
            fail("sipp missing: install Debian's sip-tester (deploy/ci/test-tools does)");
        }
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("sipp", "-i", address, "-p", String.valueOf(port),
                "-nostdin", "-timeout", "20s", "-timeout_error", "-trace_err", "-trace_msg", "-trace_stat"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        return new Sipp(p, dir, name);
    }

    /** Waits for it to end by itself (its -timeout bounds that); its exit code, 0 when every call succeeded. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("sipp " + name + " did not end within 30 s");
        }
        return process.exitValue();
    }

    void stop() {
        process.destroy();
    }

    /** How many lines of its message trace start with {@code prefix}, e.g. received INVITEs. */
    long tracedLines(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().endsWith("_messages.log")).toList();
            long n = 0;
            for (Path log : logs) {
                try (Stream<String> lines = Files.lines(log)) {
                    n += lines.filter(l -> l.startsWith(prefix)).count();
                }
            }
            return n;
        }
    }

    /** Every run's report, for a failure message; a report that cannot be read says why instead. */
    static String reports(Sipp... all) {
        StringBuilder sb = new StringBuilder();
        for (Sipp s : all) {
            try {
                sb.append(s.report());
            } catch (Exception e) {
                sb.append(e);
            }
        }
        return sb.toString();
    }

    /** What it printed and its error trace, for a failure message. */
    String report() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith("_errors.log") || f.toString().endsWith(".out"))
                    .toList()) {
                String text = Files.readString(f);
                sb.append("--- ").append(f.getFileName()).append('\n')
                        .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text);
            }
        }
        return sb.toString();
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "sipp")));
    }
}
