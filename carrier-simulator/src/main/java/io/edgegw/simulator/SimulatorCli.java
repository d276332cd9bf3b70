package io.edgegw.simulator;

import io.edgegw.simulator.load.LoadCommand;
import io.edgegw.simulator.sip.CallsCommand;
import io.edgegw.simulator.smsc.SimulatorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Stand-alone entry point ({@code simulator} and {@code load} as subcommands) for running this module without
 * the launcher; the launcher in {@code deploy} mounts the same two commands itself.
 */
@Command(name = "carrier-simulator", mixinStandardHelpOptions = true,
        subcommands = {SimulatorCommand.class, LoadCommand.class, CallsCommand.class},
        description = "Simulated carrier SMSC and tenant load generator (SMPP 3.4).")
public final class SimulatorCli implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCli()).execute(args));
    }
}
