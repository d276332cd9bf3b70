package io.edgegw.core.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * A ring's handler that runs {@code after} once its batch is handled (on {@code endOfBatch}, even if the handler
 * threw): the journal's readers learn that what it appended is there, once per batch rather than once per event.
 */
final class AfterBatch<T> implements EventHandler<T> {
    private final EventHandler<T> handler;
    private final Runnable after;

    AfterBatch(EventHandler<T> handler, Runnable after) {
        this.handler = handler;
        this.after = after;
    }

    @Override
    public void onEvent(T event, long sequence, boolean endOfBatch) throws Exception {
        try {
            handler.onEvent(event, sequence, endOfBatch);
        } finally {
            if (endOfBatch) {
                after.run();
            }
        }
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        handler.onBatchStart(batchSize, queueDepth);
    }

    @Override
    public void onStart() {
        handler.onStart();
    }

    @Override
    public void onShutdown() {
        handler.onShutdown();
    }

    @Override
    public void onTimeout(long sequence) throws Exception {
        handler.onTimeout(sequence);
    }
}
