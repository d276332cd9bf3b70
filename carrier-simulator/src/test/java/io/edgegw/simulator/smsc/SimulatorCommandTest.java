package io.edgegw.simulator.smsc;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulatorCommandTest {
    @Test
    void optionsBecomeTheSmscConfig() {
        SimulatorCommand command = new SimulatorCommand();
        new CommandLine(command).parseArgs("--port", "0", "--system-id", "carrier", "--password", "pw",
                "--latency-ms", "5", "--receipt-delay-ms", "50", "--max-rate", "300",
                "--outcomes", "DELIVRD=90,UNDELIV=10", "--id-format", "DECIMAL");
        SmscConfig config = command.toConfig();
        assertEquals(0, config.port());
        assertEquals("carrier", config.systemId());
        assertEquals(5, config.submitLatencyMillis());
        assertEquals(50, config.receiptDelayMillis());
        assertEquals(300, config.maxSubmitsPerSecond());
        assertEquals(MessageIdFormat.DECIMAL, config.messageIdFormat());
        assertEquals(2, config.outcomes().weights().size());
    }

    @Test
    void unknownOutcomeNameIsReportedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutcomeMix.parse("DELIVERED=1"));
        assertEquals("outcomes: bad entry 'DELIVERED=1' (names: DELIVRD, UNDELIV, EXPIRED, REJECTD)", e.getMessage());
    }
}
