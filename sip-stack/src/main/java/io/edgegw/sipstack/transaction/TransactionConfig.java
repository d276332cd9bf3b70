package io.edgegw.sipstack.transaction;

/**
 * The transaction layer's settings, read once. Timers in milliseconds, RFC 3261 17 and appendix A names.
 *
 * @param workers          threads holding the per-Call-ID state (default: one per core)
 * @param t1               round-trip estimate, 500 ms; Timers A, B, E, F, G, H, J, L, M derive from it
 * @param t2               cap on non-INVITE and final-response retransmission intervals, 4 s
 * @param t4               how long a message may linger in the network, 5 s (Timers I, K)
 * @param timerD           how long an INVITE client absorbs final retransmissions over UDP, at least 32 s
 * @param tick             the timer wheel's resolution; expiries land up to one tick late
 * @param maxServer        INVITE server transactions held at once over all workers, and as many non-INVITE ones
 *                         apart (so an INVITE flood cannot refuse the BYEs of calls in progress); past it new
 *                         requests of that kind get 503
 * @param maxClient        client transactions held at once over all workers; past it none is created
 * @param overloadDelay    queue wait past which a worker is behind (0: never overloaded)
 * @param overloadSustain  how long a worker must stay behind without a break before new INVITEs get 503 statelessly
 *                         ({@link Worker#overloaded()}); 1 s by default, past a cold start's or a GC pause's stall
 */
public record TransactionConfig(int workers, long t1, long t2, long t4, long timerD, long tick,
                                int maxServer, int maxClient, long overloadDelay, long overloadSustain) {
    public static final long DEFAULT_OVERLOAD_SUSTAIN = 1_000;
    public static final TransactionConfig DEFAULT = new TransactionConfig(Runtime.getRuntime().availableProcessors(),
            500, 4_000, 5_000, 32_000, 10, 100_000, 100_000, 0, DEFAULT_OVERLOAD_SUSTAIN);

    public TransactionConfig {
        require(workers > 0, "workers must be positive");
        require(t1 > 0 && t2 >= t1 && t4 > 0, "timers need t1 > 0, t2 >= t1, t4 > 0");
        require(timerD >= 0 && tick > 0, "timerD must be >= 0 and tick positive");
        require(maxServer >= workers && maxClient >= workers, "maxServer and maxClient must be at least workers");
        require(overloadDelay >= 0 && overloadSustain >= 0, "overloadDelay and overloadSustain must be >= 0");
    }

    public TransactionConfig withWorkers(int n) {
        return new TransactionConfig(n, t1, t2, t4, timerD, tick, maxServer, maxClient, overloadDelay, overloadSustain);
    }

    public TransactionConfig withTimers(long newT1, long newT2, long newT4, long newTimerD, long newTick) {
        return new TransactionConfig(workers, newT1, newT2, newT4, newTimerD, newTick, maxServer, maxClient,
                overloadDelay, overloadSustain);
    }

    public TransactionConfig withCaps(int server, int client) {
        return new TransactionConfig(workers, t1, t2, t4, timerD, tick, server, client, overloadDelay, overloadSustain);
    }

    public TransactionConfig withOverloadDelay(long millis) {
        return new TransactionConfig(workers, t1, t2, t4, timerD, tick, maxServer, maxClient, millis, overloadSustain);
    }

    public TransactionConfig withOverload(long delayMillis, long sustainMillis) {
        return new TransactionConfig(workers, t1, t2, t4, timerD, tick, maxServer, maxClient, delayMillis,
                sustainMillis);
    }

    /** 64*T1: Timers B, F, H, L, M, and J over UDP. */
    long timeout() {
        return 64 * t1;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("transaction config: " + message);
        }
    }
}
