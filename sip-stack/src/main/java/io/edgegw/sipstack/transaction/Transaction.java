package io.edgegw.sipstack.transaction;

import io.netty.buffer.ByteBuf;
import io.netty.util.Timeout;

/**
 * What server and client transactions share: identity, the hop they send on, state, their two timers (one
 * retransmitting, one ending the transaction) and a slot for the TU's data. Touched only on its worker.
 *
 * @param <M> the message model's type
 */
public abstract sealed class Transaction<M> permits ServerTransaction, ClientTransaction {
    final TransactionLayer<M> layer;
    final Worker worker;
    final TransactionKey key;
    final M request;
    final Hop hop;
    TransactionState state;
    private Object appData;
    private Timeout retransmitTimer;
    private Timeout endTimer;
    /** Bumped whenever a timer is re-armed or stopped, so an expiry already queued on the worker is ignored. */
    private int retransmitGen;
    private int endGen;
    private final long startNanos = System.nanoTime();
    /** When the next retransmission is due, in ms from the start: intervals add up without drift from late ticks. */
    private long retransmitAt;

    Transaction(TransactionLayer<M> layer, Worker worker, TransactionKey key, M request, Hop hop,
                TransactionState initial) {
        this.layer = layer;
        this.worker = worker;
        this.key = key;
        this.request = request;
        this.hop = hop;
        this.state = initial;
    }

    public M request() {
        return request;
    }

    public TransactionKey key() {
        return key;
    }

    /** The request's method (an INVITE's CANCEL is its own transaction with method CANCEL). */
    public String method() {
        return key.method();
    }

    public Hop hop() {
        return hop;
    }

    public TransactionState state() {
        return state;
    }

    public boolean isTerminated() {
        return state == TransactionState.TERMINATED;
    }

    @SuppressWarnings("unchecked")
    public <T> T appData() {
        return (T) appData;
    }

    public void appData(Object data) {
        appData = data;
    }

    final TransactionConfig config() {
        return layer.config;
    }

    final boolean reliable() {
        return hop.isReliable();
    }

    /** Sends a copy of {@code message}; the transaction keeps its own reference for retransmission. */
    final void send(ByteBuf message) {
        hop.send(message.retainedDuplicate());
    }

    /** Starts retransmitting: the first one {@code interval} ms from now. */
    final void firstRetransmitAfter(long interval, Runnable task) {
        retransmitAt = elapsedMillis();
        retransmitAfter(interval, task);
    }

    /** The next retransmission {@code interval} ms after the previous one was due. */
    final void retransmitAfter(long interval, Runnable task) {
        retransmitAt += interval;
        cancel(retransmitTimer);
        int gen = ++retransmitGen;
        retransmitTimer = schedule(() -> {
            if (gen == retransmitGen) {
                task.run();
            }
        }, retransmitAt - elapsedMillis());
    }

    final void stopRetransmitting() {
        cancel(retransmitTimer);
        retransmitTimer = null;
        retransmitGen++;
    }

    /** Arms the timer that ends this state (B, D, F, H, I, J, K, L, M), replacing any earlier one. */
    final void endAfter(long delay, Runnable task) {
        cancel(endTimer);
        int gen = ++endGen;
        endTimer = schedule(() -> {
            if (gen == endGen) {
                task.run();
            }
        }, delay);
    }

    final void stopEndTimer() {
        cancel(endTimer);
        endTimer = null;
        endGen++;
    }

    /** Leaves the table and frees what this transaction holds; its timers become no-ops. */
    void terminate() {
        if (state == TransactionState.TERMINATED) {
            return;
        }
        state = TransactionState.TERMINATED;
        cancel(retransmitTimer);
        cancel(endTimer);
        release();
        layer.removed(this);
        layer.tu.onTerminated(this);
    }

    /** Drops the buffers kept for retransmission. */
    abstract void release();

    final void checkWorker() {
        if (!worker.inWorker()) {
            throw new IllegalStateException("transaction " + key + " used off its worker " + worker.index());
        }
    }

    private Timeout schedule(Runnable task, long delay) {
        return layer.timers.schedule(worker, () -> {
            if (state != TransactionState.TERMINATED) {
                task.run();
            }
        }, delay);
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void cancel(Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + key + " " + state + "]";
    }
}
