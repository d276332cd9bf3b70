package io.edgegw.simulator.smsc;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds a receiver for each receipt: the session the message came in on if it can receive, else another
 * receiving session of the same system_id, else a bounded hold until one binds. Sessions come and go
 * rarely, receipts often, hence copy-on-write lists per system_id.
 */
final class ReceiptRouter {
    /** deliver_sm attempts per receipt before it is given up (first send plus resends). */
    static final int MAX_ATTEMPTS = 5;

    private final Map<String, List<SmscSession>> receivers = new ConcurrentHashMap<>();
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final SmscCounters counters;
    private final int heldLimit;

    ReceiptRouter(SmscCounters counters, int heldLimit) {
        this.counters = counters;
        this.heldLimit = heldLimit;
    }

    private static final class Held {
        final Queue<DeliveryReceipt> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger size = new AtomicInteger();
    }

    void register(SmscSession session) {
        receivers.computeIfAbsent(session.systemId(), k -> new CopyOnWriteArrayList<>()).add(session);
        session.drainHeld();
    }

    void unregister(SmscSession session) {
        List<SmscSession> list = receivers.get(session.systemId());
        if (list != null) {
            list.remove(session);
        }
    }

    /** Hands the receipt to {@code preferred} if it can take it, else to any receiver, else holds it. */
    void route(DeliveryReceipt receipt, SmscSession preferred) {
        if (receipt.attempt() > MAX_ATTEMPTS) {
            counters.receiptsDropped.increment();
            return;
        }
        if (preferred != null && preferred.offer(receipt)) {
            return;
        }
        List<SmscSession> list = receivers.get(receipt.systemId());
        if (list != null && !list.isEmpty()) {
            int start = Math.floorMod(roundRobin.getAndIncrement(), list.size());
            for (int i = 0; i < list.size(); i++) {
                SmscSession candidate = list.get((start + i) % list.size());
                if (candidate != preferred && candidate.offer(receipt)) {
                    return;
                }
            }
        }
        hold(receipt);
    }

    private void hold(DeliveryReceipt receipt) {
        Held h = held.computeIfAbsent(receipt.systemId(), k -> new Held());
        if (h.size.incrementAndGet() > heldLimit) {
            h.size.decrementAndGet();
            counters.receiptsDropped.increment();
            return;
        }
        h.queue.add(receipt);
        // A receiver may have bound between our look and our hold; nudge it so nothing waits for the next bind.
        List<SmscSession> list = receivers.get(receipt.systemId());
        if (list != null) {
            for (SmscSession s : list) {
                s.drainHeld();
            }
        }
    }

    /** Asks every receiver to pull its held receipts (after a silence ends). */
    void drainAll() {
        receivers.values().forEach(list -> list.forEach(SmscSession::drainHeld));
    }

    /** Next held receipt for {@code systemId}, or null. */
    DeliveryReceipt pollHeld(String systemId) {
        Held h = held.get(systemId);
        if (h == null) {
            return null;
        }
        DeliveryReceipt r = h.queue.poll();
        if (r != null) {
            h.size.decrementAndGet();
        }
        return r;
    }

    boolean isEmptyHold(String systemId) {
        Held h = held.get(systemId);
        return h == null || h.size.get() == 0;
    }

    int heldCount() {
        return held.values().stream().mapToInt(h -> h.size.get()).sum();
    }
}
