package io.edgegw.simulator.load;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportPageTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void theSeriesAddsUpToTheTotalsSecondBySecond() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0))) {
            // Paced to last a little over a second, so there is at least one full second and a last, shorter one.
            LoadReport report = new LoadGenerator(LoadConfig.of("127.0.0.1", smsc.port(), "tenant", "pw", 2, 600)
                    .withRate(500, 10), QUIET).run();
            List<LoadSecond> seconds = report.seconds();
            assertTrue(seconds.size() >= 2, "seconds: " + seconds.size());
            assertEquals(report.acknowledged(), seconds.stream().mapToLong(LoadSecond::acknowledged).sum());
            assertEquals(report.receiptsMatched(), seconds.stream().mapToLong(LoadSecond::receipts).sum());
            assertEquals(report.throttled(), seconds.stream().mapToLong(LoadSecond::throttled).sum());
            assertEquals(0, seconds.stream().mapToLong(LoadSecond::rejected).sum());
            LoadSecond first = seconds.get(0);
            assertTrue(first.acknowledged() > 0 && first.hasLatency() && first.p99Millis() >= first.p50Millis(),
                    first.toString());
        }
    }

    @Test
    void loadReportOptionWritesOneHtmlFileWithBothChartsOverEverySecond(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.html");
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new CommandLine(new LoadCommand(new PrintStream(out, true, StandardCharsets.UTF_8))).execute(
                    "--port", String.valueOf(smsc.port()), "--messages", "400", "--rate", "300", "--no-progress",
                    "--report", file.toString());
            assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("report written to " + file));
        }
        String html = Files.readString(file);
        assertTrue(html.contains("load report") && html.contains("throughput") && html.contains("result           OK"),
                "the text figures come first");
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("href="), "self-contained");
        int rows = count(html, "<tr><td>");

        List<Document> charts = svgs(html);
        assertEquals(2, charts.size());
        Document throughput = charts.get(0);
        assertEquals(List.of("acknowledged/s", "receipts/s"), legends(throughput));
        for (Element line : polylines(throughput)) {
            assertEquals(rows, points(line), line.getAttribute("data-name"));
        }
        Document latency = charts.get(1);
        assertEquals(List.of("p50", "p99"), legends(latency));
        assertTrue(texts(latency).contains("latency (ms, log scale)") && texts(latency).contains("time since first submit (s)"));
        for (Element line : polylines(latency)) {
            int points = points(line);
            assertTrue(points > 0 && points <= rows, points + " of " + rows); // seconds without an answer are left out
        }
    }

    /** Every {@code <svg>...</svg>} of the page, parsed as XML by the JDK. */
    private static List<Document> svgs(String html) throws Exception {
        List<Document> out = new ArrayList<>();
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            out.add(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    private static List<Element> polylines(Document svg) {
        return elements(svg.getElementsByTagName("polyline"));
    }

    private static List<String> legends(Document svg) {
        return elements(svg.getElementsByTagName("text")).stream()
                .filter(t -> t.getAttribute("class").equals("legend")).map(Element::getTextContent).toList();
    }

    private static List<String> texts(Document svg) {
        return elements(svg.getElementsByTagName("text")).stream().map(Element::getTextContent).toList();
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static int points(Element polyline) {
        String points = polyline.getAttribute("points").trim();
        return points.isEmpty() ? 0 : points.split("\\s+").length;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
