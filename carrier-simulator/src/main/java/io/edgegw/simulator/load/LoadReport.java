package io.edgegw.simulator.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one load run. {@code throughput} is acknowledgements per second of the submitting phase;
 * {@code endToEndRate} is matched receipts per second from the first submit to the last matched receipt;
 * the receipt percentiles time each matched message from its submit to its receipt. {@code seconds} is the run
 * second by second, from the first submit to the end of the receipt wait. {@code submitted} counts submit_sm (a
 * long message's UDH parts one each); {@code textMix} is "" for today's short texts, else the mix, with
 * {@code sentByKind} saying what each kind sent.
 */
public record LoadReport(
        long submitted,
        long acknowledged,
        Map<String, Long> rejectedByStatus,
        long throttled,
        long resubmitted,
        long timedOut,
        boolean receiptsRequested,
        long receiptsReceived,
        long receiptsMatched,
        long receiptsUnmatched,
        long receiptsDuplicate,
        Map<String, Long> receiptsByStat,
        Duration elapsed,
        double throughput,
        double endToEndRate,
        double p50Millis,
        double p99Millis,
        double p999Millis,
        double maxMillis,
        double receiptP50Millis,
        double receiptP99Millis,
        double receiptMaxMillis,
        List<LoadSecond> seconds,
        String textMix,
        List<KindSent> sentByKind) {

    /** Of one {@link TextKind}: messages sent, and the submit_sm they took (a UDH part is one). */
    public record KindSent(String kind, long messages, long submits) {
    }

    public LoadReport {
        rejectedByStatus = Map.copyOf(rejectedByStatus);
        receiptsByStat = Map.copyOf(receiptsByStat);
        seconds = List.copyOf(seconds);
        sentByKind = List.copyOf(sentByKind);
    }

    /** The "text mix" line, when the run sent anything but today's short texts: per kind, messages and submits. */
    private String textLines() {
        if (textMix == null || textMix.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder(String.format("%n  text mix         %s:", textMix));
        String sep = " ";
        for (KindSent k : sentByKind) {
            line.append(sep).append(k.kind()).append(' ').append(k.messages()).append(" messages in ")
                    .append(k.submits()).append(" submits");
            sep = ", ";
        }
        return line.toString();
    }

    /** Every submitted message acknowledged and, when receipts were requested, every acknowledged one receipted. */
    public boolean success() {
        return submitted > 0 && acknowledged == submitted
                && (!receiptsRequested || receiptsMatched == acknowledged);
    }

    public String toText() {
        return String.join(System.lineSeparator(),
                "load report",
                String.format("  submitted        %d", submitted),
                String.format("  acknowledged     %d (ROK)", acknowledged),
                String.format("  rejected         %s", rejectedByStatus),
                String.format("  throttled        %d answers (resubmitted %d)", throttled, resubmitted),
                String.format("  timed out        %d", timedOut),
                String.format("  receipts         %s: received %d, matched %d, unmatched %d, duplicate %d, by stat %s",
                        receiptsRequested ? "requested" : "not requested", receiptsReceived, receiptsMatched,
                        receiptsUnmatched, receiptsDuplicate, receiptsByStat) + textLines(),
                String.format("  elapsed          %.3f s", elapsed.toNanos() / 1e9),
                String.format("  throughput       %.0f acks/s", throughput),
                String.format("  end-to-end       %.0f receipts/s", endToEndRate),
                String.format("  submit latency   p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
                        p50Millis, p99Millis, p999Millis, maxMillis),
                String.format("  submit->receipt  p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                        receiptP50Millis, receiptP99Millis, receiptMaxMillis),
                "  result           " + (success() ? "OK" : "FAILED"));
    }
}
