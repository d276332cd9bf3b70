package io.edgegw.core.dispatch;

import java.util.Arrays;
import java.util.function.Consumer;

/** Binds or receivers written to in one round, identity-deduplicated, so each is flushed once; reused every round. */
final class Touched<T> {
    private Object[] items = new Object[16];
    private int count;

    void add(T item) {
        for (int i = 0; i < count; i++) {
            if (items[i] == item) {
                return;
            }
        }
        if (count == items.length) {
            items = Arrays.copyOf(items, count * 2);
        }
        items[count++] = item;
    }

    @SuppressWarnings("unchecked")
    void flushAll(Consumer<T> flush) {
        for (int i = 0; i < count; i++) {
            flush.accept((T) items[i]);
            items[i] = null;
        }
        count = 0;
    }
}
