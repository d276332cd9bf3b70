package io.edgegw.deploy;

import io.edgegw.deploy.bench.HttpSmsLoad;
import io.edgegw.deploy.scenario.ScenarioCommand;
import io.edgegw.simulator.load.LoadCommand;
import io.edgegw.simulator.sip.CallsCommand;
import io.edgegw.simulator.smsc.SimulatorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edge} launcher: one binary for the gateway, its status view, the simulator, the load generator, the demo and the scenarios. */
@Command(name = "edge", mixinStandardHelpOptions = true, version = "edge 0.1.0",
        description = "Telecom edge gateway: SMPP and SIP between tenants and carriers.",
        subcommands = {DemoCommand.class, UpCommand.class, StatusCommand.class, UsageCommand.class, HashPasswordCommand.class, SimulatorCommand.class, LoadCommand.class,
                CallsCommand.class,
                ScenarioCommand.class, HttpSmsLoad.class, CommandLine.HelpCommand.class})
public final class EdgeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Chronicle must never phone home; set before any Chronicle class loads.
        System.setProperty("chronicle.analytics.disable", "true");
        // Chronicle checks on every access that an appender or tailer stays on one thread: a development aid, and a
        // tenth of the journal thread's time. Ours are each made and used on one thread by design; the test suites
        // keep the check on, so a breach still shows there.
        System.setProperty("disable.single.threaded.check", "true");
        System.exit(new CommandLine(new EdgeCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
