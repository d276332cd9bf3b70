package io.edgegw.simulator.smsc;

import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds a receiver for each receipt: the session the message came in on if it can receive, else another
 * receiving session of the same system_id, else a bounded hold until one binds. Sessions come and go
 * rarely, receipts often, hence an array per system_id, replaced whole when a session comes or goes and read once
 * per route: the binds of a killed gateway close on several event loops at once, and a list read twice while
 * another loop shrank it threw in the middle of a close, losing the receipts that close was handing on.
 */
final class ReceiptRouter {
    /**
     * deliver_sm attempts per receipt before it is given up: the first send and each resend after a refusal or past
     * the resend timeout. A connection closing before the answer costs no attempt ({@link DeliveryReceipt#handedBack}).
     */
    static final int MAX_ATTEMPTS = 5;

    private static final SmscSession[] NONE = new SmscSession[0];

    private final Map<String, SmscSession[]> receivers = new ConcurrentHashMap<>();
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final SmscCounters counters;
    private final int heldLimit;

    /** Whether a receipt goes to a receiving bind drawn at random rather than the one that took its submit. */
    private final boolean randomBind;

    /** Receipts on the bind that took the submit where it can receive them. */
    ReceiptRouter(SmscCounters counters, int heldLimit) {
        this(counters, heldLimit, false);
    }

    ReceiptRouter(SmscCounters counters, int heldLimit, boolean randomBind) {
        this.counters = counters;
        this.heldLimit = heldLimit;
        this.randomBind = randomBind;
    }

    private static final class Held {
        final Queue<DeliveryReceipt> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger size = new AtomicInteger();
    }

    void register(SmscSession session) {
        receivers.merge(session.systemId(), new SmscSession[] {session}, ReceiptRouter::joined);
        session.drainHeld();
    }

    /** Idempotent: an unbind and the close after it both call it. */
    void unregister(SmscSession session) {
        receivers.computeIfPresent(session.systemId(), (systemId, sessions) -> without(sessions, session));
    }

    private static SmscSession[] joined(SmscSession[] sessions, SmscSession[] more) {
        SmscSession[] all = Arrays.copyOf(sessions, sessions.length + more.length);
        System.arraycopy(more, 0, all, sessions.length, more.length);
        return all;
    }

    /** The sessions but {@code gone}; null (no entry) when none is left. */
    private static SmscSession[] without(SmscSession[] sessions, SmscSession gone) {
        SmscSession[] left = Arrays.stream(sessions).filter(s -> s != gone).toArray(SmscSession[]::new);
        return left.length == 0 ? null : left;
    }

    /**
     * Hands the receipt to {@code preferred} if it can take it, else to any receiver, else holds it. With random binds
     * {@code preferred} is passed over: the receipt goes to a receiver drawn at random, or the next one with room.
     */
    void route(DeliveryReceipt receipt, SmscSession preferred) {
        if (receipt.attempt() > MAX_ATTEMPTS) {
            counters.receiptsDropped.increment();
            return;
        }
        if (randomBind) {
            preferred = null;
        } else if (preferred != null && preferred.offer(receipt)) {
            return;
        }
        SmscSession[] sessions = receivers.getOrDefault(receipt.systemId(), NONE); // read once: see the class comment
        if (sessions.length > 0) {
            int start = randomBind ? ThreadLocalRandom.current().nextInt(sessions.length)
                    : Math.floorMod(roundRobin.getAndIncrement(), sessions.length);
            for (int i = 0; i < sessions.length; i++) {
                SmscSession candidate = sessions[(start + i) % sessions.length];
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
        for (SmscSession s : receivers.getOrDefault(receipt.systemId(), NONE)) {
            s.drainHeld();
        }
    }

    /** Asks every receiver to pull its held receipts (after a silence ends). */
    void drainAll() {
        receivers.values().forEach(sessions -> Arrays.stream(sessions).forEach(SmscSession::drainHeld));
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
