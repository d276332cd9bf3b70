package io.edgegw.deploy.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code edge scenario cluster}: Redis, HAProxy, three gateway instances (each its own OS process and storage
 * directory) and two simulated carriers delivering each receipt on a random bind of the account, on loopback. Two
 * tenants bind several times through HAProxy and submit; mid-load one instance is killed with SIGKILL and started
 * again on its directory, and Redis is killed and started again. PASS when nothing acknowledged was lost, every
 * acknowledged message's receipt reached its tenant, and no tenant got another's receipt.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Three instances behind HAProxy sharing Redis: kill -9 one and restart Redis mid-load, verify "
                + "nothing acknowledged was lost and every receipt reached its tenant.")
final class ClusterCommand implements Callable<Integer> {
    /** Which faults a run plays. */
    enum Fault {
        kill, redis, both, none;

        boolean kills() {
            return this == kill || this == both;
        }

        boolean restartsRedis() {
            return this == redis || this == both;
        }
    }

    @Spec
    CommandSpec spec;
    @Option(names = "--messages", defaultValue = "20000",
            description = "messages the tenants submit together, three quarters by alpha (default ${DEFAULT-VALUE})")
    int messages;
    @Option(names = "--rate", defaultValue = "2000",
            description = "target submit_sm/s of both tenants together, 0 = as fast as the windows allow (default ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--sessions", defaultValue = "4", description = "alpha's transceiver binds; beta has half (default ${DEFAULT-VALUE})")
    int sessions;
    @Option(names = "--window", defaultValue = "50", description = "outstanding submit_sm per bind (default ${DEFAULT-VALUE})")
    int window;
    @Option(names = "--fault", defaultValue = "both",
            description = "kill (kill -9 an instance and restart it), redis (kill -9 Redis and restart it), both "
                    + "(the kill at a third of the load, Redis at two thirds) or none (default ${DEFAULT-VALUE})")
    Fault fault;
    @Option(names = "--receipt-delay-ms", defaultValue = "20", description = "carrier receipt delay (default ${DEFAULT-VALUE})")
    long receiptDelayMillis;
    @Option(names = "--timeout-s", defaultValue = "120",
            description = "after the load, wait at most this long for every delivery and receipt (default ${DEFAULT-VALUE})")
    long timeoutSeconds;
    @Option(names = "--dir", paramLabel = "DIR",
            description = "instances' storage, Redis data and every log, kept afterwards (must be empty or absent); "
                    + "default: a temporary one, deleted after a PASS")
    Path dir;

    private final PrintStream out;

    ClusterCommand() {
        this(System.out);
    }

    ClusterCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        return RestartOptions.report("cluster", out, this::run);
    }

    /** Checks the options and runs the scenario; the directory is kept when asked for or when it fails. */
    ClusterReport run() throws IOException, InterruptedException {
        if (messages < 8 || sessions < 2 || window <= 0 || rate < 0 || receiptDelayMillis < 0 || timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--messages must be at least 8, --sessions at least 2, "
                    + "--window and --timeout-s > 0, --rate and --receipt-delay-ms >= 0");
        }
        return RestartOptions.runInDir(spec, dir, "cluster", out, work -> new ClusterRun(this, out).run(work));
    }
}
