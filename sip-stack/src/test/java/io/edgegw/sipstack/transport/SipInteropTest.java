package io.edgegw.sipstack.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIPp (an independent SIP implementation) sends OPTIONS over UDP and TCP; a test responder answers 200. */
class SipInteropTest {
    private static final int CALLS = 500;
    private SipTransports transports;

    @AfterEach
    void close() {
        if (transports != null) {
            transports.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void sippOptionsAreAllAnswered(Transport transport) throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/sipp").canExecute(), "sipp is installed");
        Recorder responder = new Recorder().answering(SipText::ok);
        TransportConfig.Builder config = TransportConfig.builder().host("127.0.0.1").ioThreads(1);
        transports = SipTransports.start((transport == Transport.UDP ? config.udp(0) : config.tcp(0)).build(),
                responder);
        responder.attach(transports);
        Path scenario = Paths.get(getClass().getResource("/sipp/options-uac.xml").toURI());
        Path log = Files.createTempFile("sipp", ".log");
        Process sipp = new ProcessBuilder("sipp", "127.0.0.1:" + transports.port(transport), "-sf",
                scenario.toString(), "-i", "127.0.0.1", "-t", transport == Transport.UDP ? "u1" : "t1",
                "-m", String.valueOf(CALLS), "-r", "500", "-l", "100", "-nostdin", "-timeout", "60s",
                "-timeout_error", "-trace_err", "-error_file", log.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(sipp.waitFor(90, TimeUnit.SECONDS), "sipp finished");
        List<String> errors = Files.exists(log) ? Files.readAllLines(log) : List.of();
        assertEquals(0, sipp.exitValue(), "every OPTIONS answered; sipp errors: " + errors);
        assertTrue(responder.messages.size() >= CALLS, "the transports saw every request");
        Files.deleteIfExists(log);
    }
}
