package io.edgegw.simulator.sip;

import io.edgegw.simulator.smsc.SimulatorCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class TrunkCommandTest {
    @Test
    void simulatorSipOptionsBecomeTheTrunkConfig() {
        CommandLine cli = new CommandLine(new SimulatorCommand());
        CommandLine.ParseResult parsed = cli.parseArgs("sip", "--port", "5070", "--mix", "ANSWER=90,BUSY=5,UNAVAILABLE=5",
                "--ring-ms", "100", "--duration-ms", "2000");
        TrunkCommand command = assertInstanceOf(TrunkCommand.class, parsed.subcommand().commandSpec().userObject());
        TrunkConfig config = command.toConfig();
        assertEquals(5070, config.port());
        assertEquals(90, config.mix().weights().get(CallOutcome.ANSWER));
        assertEquals(100, config.ringMillis());
        assertEquals(2000, config.callDurationMillis());
        assertEquals(0, config.answerLatencyMillis());
        assertTrue(config.tcp(), "TCP listens beside UDP unless --no-tcp");
        assertEquals(-1, config.tlsPort());
    }

    @Test
    void transportOptionsBecomeTheTrunkConfig() {
        CommandLine.ParseResult parsed = new CommandLine(new SimulatorCommand()).parseArgs("sip", "--no-tcp",
                "--tls-port", "5071", "--tls-cert", "c.pem", "--tls-key", "c.key");
        TrunkCommand command = (TrunkCommand) parsed.subcommand().commandSpec().userObject();
        assertFalse(command.tcp);
        assertEquals(5071, command.tlsPort);
        assertEquals("c.pem", command.tlsCert.toString());
    }
}
