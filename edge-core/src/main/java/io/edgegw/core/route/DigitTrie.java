package io.edgegw.core.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An immutable longest-prefix map over digit prefixes, with the same lookup rules as {@link PrefixMap} (non-digits
 * skipped, only the first 64 characters read) but laid out for large tables: all nodes in one {@code int[]}, eleven
 * ints each (the value's index, then the ten children), so a step down the trie touches one cache line rather than
 * a node object and its child array. Nodes are numbered shortest prefixes first, keeping the busy top levels close.
 */
final class DigitTrie<T> {
    private static final int STRIDE = 11;
    private static final int MAX_CHARS = 64;
    /** Per node: [0] = index + 1 into {@link #values} (0 = no value), [1 + d] = child for digit d (0 = none). */
    private final int[] nodes;
    private final Object[] values;

    DigitTrie(Map<String, T> entries) {
        List<String> prefixes = new ArrayList<>(entries.keySet());
        prefixes.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        int[] n = new int[STRIDE * 64];
        int count = 1;
        Object[] v = new Object[entries.size()];
        int valueCount = 0;
        for (String prefix : prefixes) {
            int node = 0;
            for (int i = 0; i < prefix.length(); i++) {
                int d = prefix.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    throw new IllegalArgumentException("prefix must be digits: " + prefix);
                }
                int slot = node * STRIDE + 1 + d;
                if (n[slot] == 0) {
                    if ((count + 1) * STRIDE > n.length) {
                        n = Arrays.copyOf(n, n.length * 2);
                    }
                    n[slot] = count++;
                }
                node = n[slot];
            }
            v[valueCount] = entries.get(prefix);
            n[node * STRIDE] = ++valueCount;
        }
        this.nodes = Arrays.copyOf(n, count * STRIDE);
        this.values = v;
    }

    /** The value of the longest prefix of {@code address} that has one, or null. Allocates nothing. */
    @SuppressWarnings("unchecked")
    T lookup(CharSequence address) {
        int[] n = nodes;
        int node = 0;
        int best = n[0];
        int len = address == null ? 0 : Math.min(address.length(), MAX_CHARS);
        for (int i = 0; i < len; i++) {
            int d = address.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            node = n[node * STRIDE + 1 + d];
            if (node == 0) {
                break;
            }
            int value = n[node * STRIDE];
            if (value != 0) {
                best = value;
            }
        }
        return best == 0 ? null : (T) values[best - 1];
    }
}
