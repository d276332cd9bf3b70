package io.edgegw.simulator.load;

import io.edgegw.simulator.SmppStatus;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters every session writes without locks; the generator's own thread reads them for progress and the report. */
final class LoadStats {
    final LongAdder submitted = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder resubmitted = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder finished = new LongAdder();
    final LongAdder receiptsReceived = new LongAdder();
    final LongAdder mobileOriginated = new LongAdder();
    /** Every rejection whatever its status, for the per-second series. */
    final LongAdder rejectedTotal = new LongAdder();
    /** Per {@link TextKind}: messages whose first part went out, and first sends of each part (no resubmits). */
    final LongAdder[] kindMessages = adders();
    final LongAdder[] kindSubmits = adders();
    /** submit -> submit_sm_resp, microseconds; Recorder takes concurrent writers and hands out interval copies. */
    final Recorder latencyMicros = new Recorder(3);
    private final Map<Integer, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> receiptsByStat = new ConcurrentHashMap<>();

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[TextKind.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    /** Per kind sent, in {@link TextKind} order, kinds that sent nothing left out. */
    java.util.List<LoadReport.KindSent> sentByKind() {
        java.util.List<LoadReport.KindSent> out = new java.util.ArrayList<>();
        for (TextKind kind : TextKind.values()) {
            long messages = kindMessages[kind.ordinal()].sum();
            if (messages > 0) {
                out.add(new LoadReport.KindSent(kind.label(), messages, kindSubmits[kind.ordinal()].sum()));
            }
        }
        return out;
    }

    void rejected(int status) {
        counter(rejected, status).increment();
        rejectedTotal.increment();
    }

    void receiptStat(String stat) {
        counter(receiptsByStat, stat).increment();
    }

    /** A plain read first: computeIfAbsent may lock a bin even when the key is present. */
    private static <K> LongAdder counter(Map<K, LongAdder> counters, K key) {
        LongAdder adder = counters.get(key);
        return adder != null ? adder : counters.computeIfAbsent(key, k -> new LongAdder());
    }

    Map<String, Long> rejectedByStatus() {
        Map<String, Long> out = new TreeMap<>();
        rejected.forEach((status, n) -> out.put(SmppStatus.name(status), n.sum()));
        return out;
    }

    Map<String, Long> receiptsByStat() {
        Map<String, Long> out = new TreeMap<>();
        receiptsByStat.forEach((stat, n) -> out.put(stat, n.sum()));
        return out;
    }
}
