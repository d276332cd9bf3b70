package io.edgegw.deploy.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the fuzz scenario reads of a gateway process from outside: its {@code /metrics} (heap in use, our own session
 * errors), its resident memory from {@code /proc}, a full GC on request ({@code jcmd GC.run}), and its log, scanned
 * for signs of an exception nobody handled.
 */
final class GatewayWatch {
    /**
     * Log lines (text format, {@code HH:mm:ss.SSS LEVEL [thread] logger - message}) that mean an exception went
     * unhandled: any WARN from Netty (an exception that reached the end of a pipeline, or was thrown by a listener, a
     * task or an initializer), any ERROR, a thread that died. Anchored at the level, so a peer's text inside a message
     * (a system_id reading "ERROR") cannot count.
     */
    private static final Pattern UNHANDLED = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (ERROR|WARN  \\[[^]]*] i\\.n\\.)"
            + "|Exception in thread|java\\.lang\\.(OutOfMemoryError|StackOverflowError))");

    private final long pid;
    private final int adminPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayWatch(long pid, int adminPort, Path log) {
        this.pid = pid;
        this.adminPort = adminPort;
        this.log = log;
    }

    /** The Prometheus text of {@code /metrics}; empty when the gateway does not answer. */
    String scrape() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                    + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The sum of a series' samples whose line starts with {@code prefix} (name and, optionally, labels); -1 if none. */
    static double sum(String metrics, String prefix) {
        double total = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                String[] parts = line.trim().split(" ");
                total += Double.parseDouble(parts[parts.length - 1]);
                found = true;
            }
        }
        return found ? total : -1;
    }

    /** Heap in use now (every heap pool), in bytes; -1 when the gateway does not answer. */
    long heapUsed() {
        return (long) sum(scrape(), "jvm_memory_used_bytes{area=\"heap\"");
    }

    /** A {@code /proc/PID/status} figure in kB ({@code VmRSS} now, {@code VmHWM} its peak); -1 if unreadable. */
    long procKilobytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** A full GC in the gateway ({@code jcmd PID GC.run}, as {@code System.gc()}), so heap in use is what is live. */
    boolean fullGc() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Heap in use right after a full GC: the live set; -1 when that could not be had. */
    long liveHeap() throws InterruptedException {
        return fullGc() ? heapUsed() : -1;
    }

    /** Lines of the log that show an unhandled exception, and how many lines it has in all. */
    record LogScan(long lines, List<String> unhandled, long unhandledCount) {
    }

    LogScan scanLog() throws IOException {
        List<String> examples = new ArrayList<>();
        long[] counts = new long[2];
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) { // whatever bytes a peer got logged
            lines.forEach(line -> {
                counts[0]++;
                if (UNHANDLED.matcher(line).find()) {
                    counts[1]++;
                    if (examples.size() < 10) {
                        examples.add(line);
                    }
                }
            });
        }
        return new LogScan(counts[0], examples, counts[1]);
    }
}
