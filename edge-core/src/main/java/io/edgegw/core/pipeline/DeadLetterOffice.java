package io.edgegw.core.pipeline;

import io.edgegw.core.queue.DeadLetterQueue;
import io.edgegw.core.queue.TenantQueues;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * Operators' hands on every tenant's dead letters: listed from the caller's thread (each listing reads with its own
 * tailer), replayed and purged by the journal thread through the ring, as every write is. A tenant is found by its
 * configured id only, never by a path made from what a caller sent, so one tenant's letters are never another's.
 */
public final class DeadLetterOffice {
    private final Map<String, TenantQueues> tenants;
    private final Ring ring;

    public DeadLetterOffice(Map<String, TenantQueues> tenants, Ring ring) {
        this.tenants = Map.copyOf(tenants);
        this.ring = ring;
    }

    /** @throws NoSuchElementException for a tenant not configured */
    public DeadLetterQueue.Page list(String tenantId, long from, int limit) {
        return queue(tenantId).list(from, limit);
    }

    /**
     * Appends the tenant's dead letters up to index {@code upTo} (inclusive; at most
     * {@link Journal#MAX_SETTLED_PER_CALL} per call) to its outbound queue, to be delivered again from the first
     * attempt, and settles them. Completes exceptionally for an unknown tenant, a full ring or a failed write.
     */
    public CompletableFuture<DeadLetterQueue.Settled> replay(String tenantId, long upTo) {
        return settle(true, tenantId, upTo);
    }

    /** Drops the tenant's dead letters up to index {@code upTo} (inclusive), at most as many as a replay. */
    public CompletableFuture<DeadLetterQueue.Settled> purge(String tenantId, long upTo) {
        return settle(false, tenantId, upTo);
    }

    private CompletableFuture<DeadLetterQueue.Settled> settle(boolean replay, String tenantId, long upTo) {
        CompletableFuture<DeadLetterQueue.Settled> done = new CompletableFuture<>();
        try {
            queue(tenantId);
        } catch (NoSuchElementException e) {
            done.completeExceptionally(e);
            return done;
        }
        if (!ring.deadLetters(replay, tenantId, upTo, done)) {
            done.completeExceptionally(new IllegalStateException("the journal is busy; try again"));
        }
        return done;
    }

    private DeadLetterQueue queue(String tenantId) {
        TenantQueues t = tenants.get(tenantId);
        if (t == null) {
            throw new NoSuchElementException("no tenant '" + tenantId + "'");
        }
        return t.deadLetters();
    }
}
