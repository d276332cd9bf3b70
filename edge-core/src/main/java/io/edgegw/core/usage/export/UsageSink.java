package io.edgegw.core.usage.export;


/**
 * Where a {@link UsageExport} sends the usage journal's events, driven by the export's own thread only. The export
 * commits its read position at {@link #durable()}: whatever the sink has not made durable is sent again after a crash
 * or a failure (at least once, never missing).
 */
sealed interface UsageSink extends AutoCloseable permits UsageFiles, UsageKafka {
    /** {@code files} or {@code kafka}: the thread's name, the position file's and the meters' {@code sink} tag. */
    String name();

    /** Whether it takes another document's events (up to UsageRecord.MAX_BATCH) now; false while its window is full. */
    boolean ready();

    /**
     * Takes the event at {@code journalIndex}, just read into {@code event} (rendered by the sink); it is durable only
     * once {@link #durable()} has passed it.
     */
    void take(long journalIndex, UsageJson event) throws Exception;

    /**
     * Called after each pass, whether it took events ({@code idle} false) or found none: write, force, clean up as the
     * sink's own timing wants.
     */
    void endOfPass(boolean idle) throws Exception;

    /** The journal index up to which every event taken is durable at the sink; 0 for none yet. */
    long durable();

    /** How many events have become durable at the sink so far (for {@code edge_usage_exported_total}). */
    long exported();

    /**
     * Why events taken after {@link #durable()} were lost (a publish failed), so the export sends them again; null
     * when none were.
     */
    String lost();

    /** Forgets every event taken and not durable: the export reads again from {@code committed}. */
    void reset(long committed) throws Exception;

    @Override
    void close();
}
