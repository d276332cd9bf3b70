package io.edgegw.sip.proxy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One call's place in a {@link CallLimit}: given back exactly once, however many ways the call ends. */
final class Lease {
    private final AtomicInteger active;
    private final AtomicBoolean released = new AtomicBoolean();

    Lease(AtomicInteger active) {
        this.active = active;
    }

    void release() {
        if (released.compareAndSet(false, true)) {
            active.decrementAndGet();
        }
    }
}
