package io.edgegw.simulator.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The load report as one self-contained HTML file: the text report, then throughput and latency over time as
 * inline SVG, then the series as a table. No scripts, nothing fetched: it opens the same offline.
 */
public final class ReportPage {
    private ReportPage() {
    }

    public static void write(Path file, String heading, LoadReport report) throws IOException {
        Files.writeString(file, html(heading, report), StandardCharsets.UTF_8);
    }

    static String html(String heading, LoadReport report) {
        List<LoadSecond> seconds = report.seconds();
        double[] xs = seconds.stream().mapToDouble(LoadSecond::endSeconds).toArray();
        String throughput = new LoadChart("Throughput", "time since first submit (s)", "messages per second", xs)
                .line("acknowledged/s", "#1f77b4", seconds.stream().mapToDouble(LoadSecond::acknowledgedPerSecond).toArray())
                .line("receipts/s", "#2ca02c", seconds.stream().mapToDouble(LoadSecond::receiptsPerSecond).toArray())
                .toSvg();
        String latency = new LoadChart("submit_sm_resp latency", "time since first submit (s)", "latency (ms, log scale)", xs)
                .logarithmic()
                .line("p50", "#ff7f0e", seconds.stream().mapToDouble(LoadSecond::p50Millis).toArray())
                .line("p99", "#d62728", seconds.stream().mapToDouble(LoadSecond::p99Millis).toArray())
                .toSvg();
        StringBuilder page = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(LoadChart.escape(heading)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em}"
                        + "table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #eee}</style>\n")
                .append("</head><body>\n<h1>").append(LoadChart.escape(heading)).append("</h1>\n")
                .append("<pre>").append(LoadChart.escape(report.toText())).append("</pre>\n")
                .append(throughput)
                .append("<p>Latency per second of the submits answered OK in it; seconds without any are left out.</p>\n")
                .append(latency)
                .append("<h2>Second by second</h2>\n<table><tr><th>end (s)</th><th>acknowledged</th><th>receipts</th>"
                        + "<th>p50 (ms)</th><th>p99 (ms)</th><th>throttled</th><th>rejected</th></tr>\n");
        for (LoadSecond s : seconds) {
            page.append(String.format(Locale.ROOT, "<tr><td>%.1f</td><td>%d</td><td>%d</td><td>%s</td><td>%s</td><td>%d</td><td>%d</td></tr>%n",
                    s.endSeconds(), s.acknowledged(), s.receipts(), millis(s.p50Millis()), millis(s.p99Millis()),
                    s.throttled(), s.rejected()));
        }
        return page.append("</table>\n</body></html>\n").toString();
    }

    private static String millis(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
