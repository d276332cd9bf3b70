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
 * {@code edge scenario crash}: a simulated carrier in this process, the gateway as its own OS process, a tenant
 * submitting; the gateway is killed with SIGKILL once {@code --kill-after} messages are acknowledged, started again
 * on the same queue directory, and the run checks that every acknowledged message reached the carrier and every
 * receipt reached the tenant. Duplicates toward the carrier are allowed and counted.
 */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = "kill -9 the gateway under load, restart it on the same queues, verify nothing acknowledged was lost.")
final class CrashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--messages", defaultValue = "20000", description = "messages the tenant submits (default ${DEFAULT-VALUE})")
    int messages;
    @Option(names = "--rate", defaultValue = "5000", description = "target submit_sm/s, 0 = as fast as the windows allow (default ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--kill-after", defaultValue = "-1", paramLabel = "N",
            description = "kill -9 the gateway once N messages are acknowledged (default: half of --messages)")
    long killAfter;
    @Option(names = "--sessions", defaultValue = "2", description = "tenant transceiver binds (default ${DEFAULT-VALUE})")
    int sessions;
    @Option(names = "--window", defaultValue = "50", description = "outstanding submit_sm per bind (default ${DEFAULT-VALUE})")
    int window;
    @Option(names = "--receipt-delay-ms", defaultValue = "20", description = "carrier receipt delay (default ${DEFAULT-VALUE})")
    long receiptDelayMillis;
    @Option(names = "--timeout-s", defaultValue = "60",
            description = "after the restart, wait at most this long for every delivery and receipt (default ${DEFAULT-VALUE})")
    long timeoutSeconds;
    @Option(names = "--dir", paramLabel = "DIR",
            description = "queue directory and gateway logs, kept afterwards (must be empty or absent); "
                    + "default: a temporary one, deleted after a PASS")
    Path dir;

    private final PrintStream out;

    CrashCommand() {
        this(System.out);
    }

    CrashCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        CrashReport report;
        try {
            report = run();
        } catch (IllegalStateException e) {
            out.println("crash: " + e.getMessage());
            out.println("crash: FAIL (the scenario could not complete)");
            return 1;
        }
        report.details().forEach(d -> out.println("crash: " + d));
        ScenarioResult result = report.toResult();
        return result.report(out);
    }

    /** Validates the options and runs the scenario; the directory is kept when asked for or when it fails. */
    CrashReport run() throws IOException, InterruptedException {
        CrashRun.Settings settings = settings();
        Path work = prepareDir();
        CrashReport report = null;
        try {
            report = new CrashRun(settings, out).run(work);
            return report;
        } finally {
            if (dir != null || report == null || !report.passed()) {
                out.println("crash: queues and gateway logs kept in " + work);
            } else {
                ScenarioFiles.deleteTree(work);
            }
        }
    }

    private CrashRun.Settings settings() {
        if (messages < 2) {
            throw new ParameterException(spec.commandLine(), "--messages must be at least 2");
        }
        long killAt = killAfter < 0 ? messages / 2 : killAfter;
        if (killAt < 1 || killAt >= messages) {
            throw new ParameterException(spec.commandLine(), "--kill-after must be between 1 and --messages - 1");
        }
        if (sessions <= 0 || window <= 0 || rate < 0 || receiptDelayMillis < 0 || timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(),
                    "--sessions, --window and --timeout-s must be > 0; --rate and --receipt-delay-ms >= 0");
        }
        return new CrashRun.Settings(messages, rate, killAt, sessions, window, receiptDelayMillis, timeoutSeconds);
    }

    private Path prepareDir() throws IOException {
        if (dir == null) {
            return Files.createTempDirectory("edge-crash-");
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
