package io.edgegw.deploy.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code edge scenario sigterm}: a simulated carrier in this process (answering each submit after
 * {@code --carrier-latency-ms}, with receipts), the gateway as its own OS process, a tenant submitting; the gateway
 * gets SIGTERM once {@code --stop-after} messages are acknowledged and its exit is timed; it is started again on the
 * same queue directory, and the run checks that every acknowledged message reached the carrier and every receipt
 * the tenant, that every submit taken was answered, and how many copies the carrier got beyond one per message.
 */
@Command(name = "sigterm", mixinStandardHelpOptions = true,
        description = "SIGTERM the gateway under load, time its exit, restart it on the same queues, verify nothing "
                + "acknowledged was lost and count duplicates.")
final class SigtermCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--messages", defaultValue = "20000", description = "messages the tenant submits (default ${DEFAULT-VALUE})")
    int messages;
    @Option(names = "--rate", defaultValue = "5000", description = "target submit_sm/s, 0 = as fast as the windows allow (default ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--stop-after", defaultValue = "-1", paramLabel = "N",
            description = "SIGTERM the gateway once N messages are acknowledged (default: half of --messages)")
    long stopAfter;
    @Option(names = "--sessions", defaultValue = "2", description = "tenant transceiver binds (default ${DEFAULT-VALUE})")
    int sessions;
    @Option(names = "--window", defaultValue = "50", description = "outstanding submit_sm per bind (default ${DEFAULT-VALUE})")
    int window;
    @Option(names = "--receipt-delay-ms", defaultValue = "20", description = "carrier receipt delay (default ${DEFAULT-VALUE})")
    long receiptDelayMillis;
    @Option(names = "--carrier-latency-ms", defaultValue = "50",
            description = "the carrier answers each submit_sm after this long, so some are in flight at the signal "
                    + "(default ${DEFAULT-VALUE})")
    long carrierLatencyMillis;
    @Option(names = "--drain-s", defaultValue = "5",
            description = "the gateway's shutdown.drainSeconds; the exit must come within it plus 2 s "
                    + "(default ${DEFAULT-VALUE})")
    int drainSeconds;
    @Option(names = "--timeout-s", defaultValue = "60",
            description = "after the restart, wait at most this long for every delivery and receipt (default ${DEFAULT-VALUE})")
    long timeoutSeconds;
    @Option(names = "--dir", paramLabel = "DIR",
            description = "queue directory and gateway logs, kept afterwards (must be empty or absent); "
                    + "default: a temporary one, deleted after a PASS")
    Path dir;

    private final PrintStream out;

    SigtermCommand() {
        this(System.out);
    }

    SigtermCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        SigtermReport report;
        try {
            report = run();
        } catch (IllegalStateException e) {
            out.println("sigterm: " + e.getMessage());
            out.println("sigterm: FAIL (the scenario could not complete)");
            return 1;
        }
        report.details().forEach(d -> out.println("sigterm: " + d));
        ScenarioResult result = report.toResult();
        return result.report(out);
    }

    /** Validates the options and runs the scenario; the directory is kept when asked for or when it fails. */
    SigtermReport run() throws IOException, InterruptedException {
        SigtermRun.Settings settings = settings();
        Path work = prepareDir();
        SigtermReport report = null;
        try {
            report = new SigtermRun(settings, out).run(work);
            return report;
        } finally {
            if (dir != null || report == null || !report.passed()) {
                out.println("sigterm: queues and gateway logs kept in " + work);
            } else {
                ScenarioFiles.deleteTree(work);
            }
        }
    }

    private SigtermRun.Settings settings() {
        if (messages < 2) {
            throw new ParameterException(spec.commandLine(), "--messages must be at least 2");
        }
        long stopAt = stopAfter < 0 ? messages / 2 : stopAfter;
        if (stopAt < 1 || stopAt >= messages) {
            throw new ParameterException(spec.commandLine(), "--stop-after must be between 1 and --messages - 1");
        }
        if (sessions <= 0 || window <= 0 || rate < 0 || receiptDelayMillis < 0 || carrierLatencyMillis < 0
                || drainSeconds < 0 || drainSeconds > 600 || timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--sessions, --window and --timeout-s must be > 0; "
                    + "--rate, --receipt-delay-ms and --carrier-latency-ms >= 0; --drain-s 0..600");
        }
        return new SigtermRun.Settings(messages, rate, stopAt, sessions, window, receiptDelayMillis,
                carrierLatencyMillis, drainSeconds, timeoutSeconds);
    }

    private Path prepareDir() throws IOException {
        if (dir == null) {
            return Files.createTempDirectory("edge-sigterm-");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(spec.commandLine(), "--dir " + dir + " is not empty: the scenario "
                            + "needs fresh queues to tell its own messages apart");
                }
            }
        }
        return Files.createDirectories(dir).toAbsolutePath();
    }

}
