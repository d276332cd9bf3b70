package io.edgegw.simulator.sip;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code calls}: places SIP calls (UDP, TCP or TLS) at a target rate through a proxy or straight to a trunk, prints a line a
 * second and the report. Exit 0 when every call was placed and got a final response (answered or refused), 1 when any
 * timed out or could not be sent, 2 on bad options.
 */
@Command(name = "calls", mixinStandardHelpOptions = true,
        description = "Place SIP calls (UDP, TCP or TLS) at a target rate and report setup latency and outcomes.")
public final class CallsCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "SIP proxy or trunk to call (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "5060", description = "Its port (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--transport", defaultValue = "udp", description = "udp, tcp or tls (default: ${DEFAULT-VALUE}).")
    String transport;
    @Option(names = "--tls-trust", paramLabel = "CA.pem",
            description = "With --transport tls: PEM certificates the target's must chain to (default: the JDK's trust store).")
    java.nio.file.Path tlsTrust;
    @Option(names = "--local-host", defaultValue = "127.0.0.1", description = "Address calls come from (default: ${DEFAULT-VALUE}).")
    String localHost;
    @Option(names = "--cps", defaultValue = "100", description = "Calls placed per second (default: ${DEFAULT-VALUE}).")
    int callsPerSecond;
    @Option(names = "--calls", defaultValue = "1000", description = "Calls to place (default: ${DEFAULT-VALUE}).")
    long calls;
    @Option(names = "--max-concurrent", defaultValue = "5000", description = "Most calls under way at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;
    @Option(names = "--prefix", defaultValue = "4470", description = "Dialled number prefix, a sequence number follows (default: ${DEFAULT-VALUE}).")
    String prefix;
    @Option(names = "--hold-ms", defaultValue = "0", description = "Answered calls are held this long before BYE (default: ${DEFAULT-VALUE}).")
    long holdMillis;
    @Option(names = "--setup-timeout-ms", defaultValue = "10000", description = "A call with no final response this long after its INVITE is timed out (default: ${DEFAULT-VALUE}).")
    long setupTimeoutMillis;
    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print a progress line every second (default: ${DEFAULT-VALUE}).")
    boolean progress;
    @Option(names = "--steps", split = ",", paramLabel = "CPS:SECONDS",
            description = "Instead of --cps/--calls: one run after the other in this process (so the caller is warm "
                    + "after the first), e.g. 50:80,200:20,300:20; a table row per step.")
    java.util.List<String> steps;
    @Option(names = "--watch-pid", defaultValue = "0",
            description = "With --steps: also report this local process's CPU seconds (user+system, from /proc) per "
                    + "1,000 calls of each step, e.g. the gateway's.")
    long watchPid;

    private final PrintStream out;

    public CallsCommand() {
        this(System.out);
    }

    public CallsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (steps != null && !steps.isEmpty()) {
            return runSteps();
        }
        CallLoadConfig config;
        try {
            config = config(callsPerSecond, calls);
        } catch (IllegalArgumentException e) {
            out.println("calls: " + e.getMessage());
            return 2;
        }
        try (CallLoad load = new CallLoad(config)) {
            out.printf("calls: %d at %d/s to %s %s:%d from %s%s%n", calls, callsPerSecond,
                    config.transport().name().toLowerCase(), host, port, localHost,
                    load.port() > 0 ? ":" + load.port() : "");
            CompletableFuture<CallReport> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return load.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            long started = System.nanoTime();
            while (true) {
                try {
                    CallReport report = run.get(1, TimeUnit.SECONDS);
                    out.print(report.text());
                    return report.nothingLost() ? 0 : 1;
                } catch (java.util.concurrent.TimeoutException stillRunning) {
                    if (progress) {
                        CallLoad.Progress p = load.progress();
                        out.printf("t=%ds placed=%d answered=%d failed=%d timedOut=%d underWay=%d setup p50=%.1fms "
                                        + "p99=%.1fms (%d settled this second)%n",
                                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), p.placed(), p.answered(),
                                p.failed(), p.timedOut(), p.underWay(), p.setupP50Millis(), p.setupP99Millis(),
                                p.settled());
                    }
                }
            }
        }
    }

    private CallLoadConfig config(int cps, long total) {
        io.edgegw.sipstack.transport.Transport t;
        try {
            t = io.edgegw.sipstack.transport.Transport.valueOf(transport.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--transport must be udp, tcp or tls: " + transport);
        }
        return new CallLoadConfig(host, port, localHost, cps, total, maxConcurrent, prefix, holdMillis,
                setupTimeoutMillis, t, tlsTrust);
    }

    /** Each step its own call load (its own SIP endpoint), one after the other; exit 0 when no step lost a call. */
    private int runSteps() throws Exception {
        java.util.List<long[]> plan = new java.util.ArrayList<>();
        for (String step : steps) {
            String[] parts = step.split(":");
            try {
                plan.add(new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())});
            } catch (RuntimeException e) {
                out.println("calls: --steps takes CPS:SECONDS pairs, e.g. 50:80,200:20 (was '" + step + "')");
                return 2;
            }
        }
        out.printf("%8s %8s %9s %9s %9s %10s %10s %14s%n", "target", "placed", "answered", "failed", "failed%",
                "setup p50", "setup p99", "CPU s/1k calls");
        boolean allGood = true;
        for (long[] step : plan) {
            long cps = step[0];
            long total = cps * step[1];
            CallLoadConfig config;
            try {
                config = config((int) cps, total);
            } catch (IllegalArgumentException e) {
                out.println("calls: " + e.getMessage());
                return 2;
            }
            double cpuBefore = cpuSeconds(watchPid);
            CallReport r;
            try (CallLoad load = new CallLoad(config)) {
                r = load.run();
            }
            double cpu = cpuSeconds(watchPid) - cpuBefore;
            long bad = r.failed() + r.timedOut() + r.errors() + (total - r.placed());
            allGood &= r.nothingLost();
            out.printf("%8d %8d %9d %9d %9.3f %8.2fms %8.2fms %14s%n", cps, r.placed(), r.answered(), bad,
                    100.0 * bad / Math.max(1, total), r.setupP50Millis(), r.setupP99Millis(),
                    watchPid > 0 ? String.format("%.2f", cpu / Math.max(1, total) * 1000) : "-");
            Thread.sleep(2000); // the last calls' transactions end before the next step
        }
        return allGood ? 0 : 1;
    }

    /** User+system CPU seconds of a local process so far (Linux /proc), 0 when none or unreadable. */
    static double cpuSeconds(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command name: state is field 3 of the file, utime 14 and stime 15
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ, 100 on Linux
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
