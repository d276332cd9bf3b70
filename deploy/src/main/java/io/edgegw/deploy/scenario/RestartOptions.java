package io.edgegw.deploy.scenario;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The options every stop-and-restart scenario takes (a picocli mixin), with their checks, and the running of one
 * such scenario in its directory: the directory is kept when asked for or when the run fails, deleted after a PASS.
 */
final class RestartOptions {
    @Option(names = "--messages", defaultValue = "20000", description = "messages the tenant submits (default ${DEFAULT-VALUE})")
    int messages;
    @Option(names = "--rate", defaultValue = "5000", description = "target submit_sm/s, 0 = as fast as the windows allow (default ${DEFAULT-VALUE})")
    int rate;
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

    /** A scenario run in a prepared directory. */
    interface Run<R extends RestartReport> {
        R run(Path work) throws IOException, InterruptedException;
    }

    /**
     * Checks the shared options and returns the message count at which the scenario acts: {@code asked}, or half
     * of {@code --messages} when it is negative.
     */
    long checkedThreshold(CommandSpec spec, long asked, String flag) {
        if (messages < 2) {
            throw new ParameterException(spec.commandLine(), "--messages must be at least 2");
        }
        long at = asked < 0 ? messages / 2 : asked;
        if (at < 1 || at >= messages) {
            throw new ParameterException(spec.commandLine(), flag + " must be between 1 and --messages - 1");
        }
        if (sessions <= 0 || window <= 0 || rate < 0 || receiptDelayMillis < 0 || timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(),
                    "--sessions, --window and --timeout-s must be > 0; --rate and --receipt-delay-ms >= 0");
        }
        return at;
    }

    /** The command's {@code call()}: runs, prints the details and the verdict, returns the exit code. */
    static <R extends RestartReport> int report(String name, PrintStream out, RunInDir<R> run)
            throws IOException, InterruptedException {
        R report;
        try {
            report = run.run();
        } catch (IllegalStateException e) {
            out.println(name + ": " + e.getMessage());
            out.println(name + ": FAIL (the scenario could not complete)");
            return 1;
        }
        report.details().forEach(d -> out.println(name + ": " + d));
        return report.toResult().report(out);
    }

    /** The whole scenario, directory included. */
    interface RunInDir<R extends RestartReport> {
        R run() throws IOException, InterruptedException;
    }

    /** Runs {@code run} in {@code --dir} or a temporary directory; keeps the directory when asked or on failure. */
    <R extends RestartReport> R runInDir(CommandSpec spec, String name, PrintStream out, Run<R> run)
            throws IOException, InterruptedException {
        return runInDir(spec, dir, name, out, run);
    }

    /**
     * Runs {@code run} in {@code dir} (which must be empty or absent) or, when null, a temporary directory; keeps
     * the directory when one was given or the run did not pass, deletes it after a PASS.
     */
    static <R extends RestartReport> R runInDir(CommandSpec spec, Path dir, String name, PrintStream out, Run<R> run)
            throws IOException, InterruptedException {
        Path work = prepareDir(spec, dir, name);
        R report = null;
        try {
            report = run.run(work);
            return report;
        } finally {
            if (dir != null || report == null || !report.passed()) {
                out.println(name + ": queues and logs kept in " + work);
            } else {
                ScenarioFiles.deleteTree(work);
            }
        }
    }

    private static Path prepareDir(CommandSpec spec, Path dir, String name) throws IOException {
        if (dir == null) {
            return Files.createTempDirectory("edge-" + name + "-");
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
