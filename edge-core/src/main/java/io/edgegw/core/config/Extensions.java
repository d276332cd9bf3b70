package io.edgegw.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable records contributed by connectors' {@link ConfigSection}s, each kept under its own class: the core
 * carries them without knowing what they say.
 */
public final class Extensions {
    public static final Extensions NONE = new Extensions(Map.of());

    private final Map<Class<?>, Object> byType;

    private Extensions(Map<Class<?>, Object> byType) {
        this.byType = byType;
    }

    /** The record of that type, or null when there is none. */
    public <T> T get(Class<T> type) {
        return type.cast(byType.get(type));
    }

    /** The same with {@code value} under its own class (replacing one there); null changes nothing. */
    public Extensions with(Object value) {
        if (value == null) {
            return this;
        }
        Map<Class<?>, Object> m = new LinkedHashMap<>(byType);
        m.put(value.getClass(), value);
        return new Extensions(java.util.Collections.unmodifiableMap(m));
    }

    /** The same without the record of that type. */
    public Extensions without(Class<?> type) {
        if (!byType.containsKey(type)) {
            return this;
        }
        Map<Class<?>, Object> m = new LinkedHashMap<>(byType);
        m.remove(type);
        return m.isEmpty() ? NONE : new Extensions(java.util.Collections.unmodifiableMap(m));
    }

    public boolean isEmpty() {
        return byType.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extensions e && byType.equals(e.byType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(byType);
    }

    @Override
    public String toString() {
        return byType.values().toString();
    }
}
