package io.edgegw.simulator.sip;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code calls}: places SIP calls (UDP) at a target rate through a proxy or straight to a trunk, prints a line a
 * second and the report. Exit 0 when every call was placed and got a final response (answered or refused), 1 when any
 * timed out or could not be sent, 2 on bad options.
 */
@Command(name = "calls", mixinStandardHelpOptions = true,
        description = "Place SIP calls (UDP) at a target rate and report setup latency and outcomes.")
public final class CallsCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "SIP proxy or trunk to call (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "5060", description = "Its UDP port (default: ${DEFAULT-VALUE}).")
    int port;
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

    private final PrintStream out;

    public CallsCommand() {
        this(System.out);
    }

    public CallsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        CallLoadConfig config;
        try {
            config = new CallLoadConfig(host, port, localHost, callsPerSecond, calls, maxConcurrent, prefix, holdMillis,
                    setupTimeoutMillis);
        } catch (IllegalArgumentException e) {
            out.println("calls: " + e.getMessage());
            return 2;
        }
        try (CallLoad load = new CallLoad(config)) {
            out.printf("calls: %d at %d/s to udp %s:%d from %s:%d%n", calls, callsPerSecond, host, port, localHost,
                    load.port());
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
}
