package io.edgegw.sipstack.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link TransportStats}; LongAdders because every event loop and worker bumps them. */
final class TransportCounters {
    final LongAdder received = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder droppedNotWritable = new LongAdder();
    final LongAdder droppedOversize = new LongAdder();
    final LongAdder droppedNoConnection = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder openConnections = new LongAdder();
    private final AtomicLong largestPendingBytes = new AtomicLong();
    private final LongAdder[] closed = new LongAdder[CloseReason.values().length];

    TransportCounters() {
        for (int i = 0; i < closed.length; i++) {
            closed[i] = new LongAdder();
        }
    }

    void closed(CloseReason reason) {
        closed[reason.ordinal()].increment();
    }

    void pending(long bytes) {
        long seen = largestPendingBytes.get();
        while (bytes > seen && !largestPendingBytes.compareAndSet(seen, bytes)) {
            seen = largestPendingBytes.get();
        }
    }

    TransportStats snapshot() {
        Map<CloseReason, Long> byReason = new EnumMap<>(CloseReason.class);
        for (CloseReason reason : CloseReason.values()) {
            byReason.put(reason, closed[reason.ordinal()].sum());
        }
        return new TransportStats(received.sum(), sent.sum(), droppedNotWritable.sum(), droppedOversize.sum(),
                droppedNoConnection.sum(), connectFailures.sum(), openConnections.sum(), largestPendingBytes.get(),
                Map.copyOf(byReason));
    }
}
