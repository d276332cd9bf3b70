package io.edgegw.core.usage;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.spi.CallUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answered calls on their way from the SIP threads to the usage reader: a bounded, lock-free hand-off (a CAS to
 * count, a lock-free queue). Full, a call is dropped from usage, counted in {@code edge_usage_calls_dropped_total}
 * and logged at most once a minute per tenant; the reader drains it on every pass. In memory only: the calls handed
 * over but not yet made into events are lost on kill -9, as the call records' own last second is.
 */
final class CallHandOff implements CallUsage {
    private static final Logger LOG = LoggerFactory.getLogger(CallHandOff.class);
    /** At 1,000 calls ending a second, ten seconds of a reader held up (a full disk). */
    static final int CAPACITY = 10_000;

    /** One call as handed over. */
    record EndedCall(String tenantId, String callId, String carrierId, String destination, long seconds,
                     long endMillis) {
    }

    private final ConcurrentLinkedQueue<EndedCall> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Counter dropped;
    private final OncePerMinute warnings = new OncePerMinute();

    CallHandOff(MeterRegistry registry) {
        dropped = Counter.builder("edge_usage_calls_dropped").description("answered calls dropped from usage: the "
                + "hand-off to the usage reader was full").register(registry);
    }

    @Override
    public boolean callEnded(String tenantId, String callId, String carrierId, String destination, long seconds,
                             long endMillis) {
        if (size.incrementAndGet() > CAPACITY) {
            size.decrementAndGet();
            dropped.increment();
            if (warnings.allow(tenantId)) {
                LOG.warn("usage: tenant {} call {} via carrier {} dropped from usage, the hand-off to the usage reader "
                        + "is full ({} calls; more for this tenant not logged for a minute)", tenantId, callId,
                        carrierId, CAPACITY);
            }
            return false;
        }
        queue.offer(new EndedCall(tenantId, callId, carrierId, destination, Math.max(0, seconds), endMillis));
        return true;
    }

    /** The next call handed over, or null; the usage reader's thread only. */
    EndedCall poll() {
        EndedCall c = queue.poll();
        if (c != null) {
            size.decrementAndGet();
        }
        return c;
    }
}
