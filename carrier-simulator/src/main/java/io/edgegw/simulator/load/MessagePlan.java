package io.edgegw.simulator.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's messages, worked out from its submit budget ({@code --messages} counts submit_sm, each part of a long
 * message being one, with its own submit_sm_resp and receipt) and its {@link TextMix}. Message {@code m} is of kind
 * {@code cycle[m % cycle.length]}; the first message whose parts would overrun the budget and every one after it is a
 * short text, so the run sends exactly the budget and no long message is cut off. Everything but {@link #claim} is a
 * pure function of {@code m}: the same run sends the same messages whatever the number of sessions.
 */
final class MessagePlan {
    private final TextKind[] cycle;
    private final int[] parts = new int[TextKind.values().length];
    /** Submits of messages 0..i-1 of the cycle. */
    private final long[] cycleSubmitsBefore;
    private final long cycleSubmits;
    private final long submits;
    /** The first message sent as a short text because its own kind no longer fits. */
    private final long tail;
    private final long messages;
    private final AtomicLong claimed = new AtomicLong();

    MessagePlan(TextMix mix, long submits) {
        this.cycle = mix.cycle();
        for (TextKind kind : TextKind.values()) {
            parts[kind.ordinal()] = TextMessages.parts(kind, mix.longForm());
        }
        this.cycleSubmitsBefore = new long[cycle.length + 1];
        for (int i = 0; i < cycle.length; i++) {
            cycleSubmitsBefore[i + 1] = cycleSubmitsBefore[i] + parts[cycle[i].ordinal()];
        }
        this.cycleSubmits = cycleSubmitsBefore[cycle.length];
        this.submits = submits;
        // submitsBefore(m) >= m, so the first message that does not fit is at most `submits`: a binary search.
        long lo = 0;
        long hi = submits;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (cycleSubmitsBefore(mid) + cycleParts(mid) > submits) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        this.tail = lo;
        this.messages = tail + (submits - cycleSubmitsBefore(tail));
    }

    /** The next message to send, or -1 once every message of the plan has been claimed. */
    long claim() {
        long m = claimed.getAndIncrement();
        if (m >= messages) {
            claimed.decrementAndGet();
            return -1;
        }
        return m;
    }

    /** Messages in the run (a long one counts once). */
    long messages() {
        return messages;
    }

    TextKind kind(long m) {
        return m >= tail ? TextKind.SHORT : cycle[(int) (m % cycle.length)];
    }

    /** Submits message {@code m} takes: 1, or its UDH parts. */
    int parts(long m) {
        return parts[kind(m).ordinal()];
    }

    long submits() {
        return submits;
    }

    private long cycleSubmitsBefore(long m) {
        return (m / cycle.length) * cycleSubmits + cycleSubmitsBefore[(int) (m % cycle.length)];
    }

    private int cycleParts(long m) {
        return parts[cycle[(int) (m % cycle.length)].ordinal()];
    }
}
