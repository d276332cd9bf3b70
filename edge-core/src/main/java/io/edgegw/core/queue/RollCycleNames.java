package io.edgegw.core.queue;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chronicle roll cycles by the names Chronicle gives them ({@code FAST_HOURLY}, {@code FIVE_MINUTELY}, the legacy
 * {@code HOURLY} and {@code MINUTELY}, ...), taken from {@link RollCycles#all()} so the list follows the library.
 * The {@code TEST_*} cycles hold few messages per cycle (TEST_DAILY: 64 a day) and are for tests only.
 */
public final class RollCycleNames {
    private static final Map<String, RollCycle> ALL = new LinkedHashMap<>();

    static {
        for (RollCycle c : RollCycles.all()) {
            ALL.put(((Enum<?>) c).name(), c);
        }
    }

    private RollCycleNames() {
    }

    /** @throws IllegalArgumentException for a name Chronicle does not know */
    public static RollCycle forName(String name) {
        RollCycle c = ALL.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown roll cycle '" + name + "' (known: "
                    + String.join(", ", forProduction()) + ")");
        }
        return c;
    }

    public static boolean isKnown(String name) {
        return ALL.containsKey(name);
    }

    public static boolean isForTestsOnly(String name) {
        return ALL.get(name) instanceof TestRollCycles;
    }

    /** Every name except the test cycles, in Chronicle's order. */
    public static List<String> forProduction() {
        List<String> out = new ArrayList<>();
        ALL.forEach((name, c) -> {
            if (!(c instanceof TestRollCycles)) {
                out.add(name);
            }
        });
        return out;
    }
}
