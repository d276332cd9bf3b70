package io.edgegw.deploy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distribution's logback.xml: plain lines by default, one JSON object a line with EDGE_LOG_FORMAT=json. */
class LogFormatTest {
    /** What the distribution's logback.xml writes to stderr for one INFO line, with EDGE_LOG_FORMAT as given. */
    private static String logOneLine(String format) throws Exception {
        URL config = LogFormatTest.class.getClassLoader().getResource("logback.xml");
        assertNotNull(config, "deploy's logback.xml on the classpath");
        LoggerContext context = new LoggerContext(); // a context of its own: the test JVM's logging is untouched
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            context.putProperty("EDGE_LOG_FORMAT", format); // as the environment variable would
        }
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            joran.doConfigure(config);
            // a warning here makes Logback print its whole status list at every start of edge
            assertTrue(new StatusUtil(context).getHighestLevel(0) < Status.WARN,
                    () -> context.getStatusManager().getCopyOfStatusList().toString());
            context.getLogger("io.edgegw.core.Gateway").info("tenant {} bound \"quoted\"", "acme");
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLineWithLevelLoggerAndFormattedMessage() throws Exception {
        String out = logOneLine("json");
        String[] lines = out.strip().split("\n");
        assertEquals(1, lines.length, out);
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertEquals("INFO", line.path("level").asText(), out);
        assertEquals("io.edgegw.core.Gateway", line.path("loggerName").asText(), out);
        assertEquals("tenant acme bound \"quoted\"", line.path("formattedMessage").asText(), out);
        assertTrue(line.path("timestamp").isNumber(), out);
    }

    @Test
    void plainTextIsTheDefault() throws Exception {
        String out = logOneLine(null);
        assertTrue(out.contains("INFO "), out);
        assertTrue(out.contains("tenant acme bound \"quoted\""), out);
        assertFalse(out.strip().startsWith("{"), out);
    }
}
