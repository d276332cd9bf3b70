package io.edgegw.deploy.scenario;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.edgegw.deploy.scenario.ScenarioResult.figure;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioResultTest {
    @Test
    void verdictIsOneLineNamingTheScenarioTheOutcomeAndEveryFigure() {
        ScenarioResult pass = new ScenarioResult("crash", true,
                List.of(figure("acknowledged", 10), figure("lost", 0), figure("restart", "812 ms")), List.of());
        assertEquals("crash: PASS acknowledged=10 lost=0 restart=812 ms", pass.verdict());
        assertEquals(0, pass.exitCode());
    }

    @Test
    void aFailedScenarioExitsOne() {
        ScenarioResult fail = new ScenarioResult("crash", false, List.of(figure("lost", 3)), List.of("3 lost"));
        assertEquals("crash: FAIL lost=3", fail.verdict());
        assertEquals(1, fail.exitCode());
    }

    @Test
    void theReportNamesEachProblemThenGivesTheVerdict() {
        ScenarioResult fail = new ScenarioResult("carrier-silent", false, List.of(figure("lost", 3)), List.of("3 lost"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(1, fail.report(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals("carrier-silent: 3 lost\ncarrier-silent: FAIL lost=3\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        assertEquals("3", fail.value("lost"));
    }
}
