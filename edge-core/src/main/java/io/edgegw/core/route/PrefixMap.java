package io.edgegw.core.route;

/**
 * Longest-prefix match over digit prefixes, as a digit trie. Lookups allocate nothing; non-digit characters
 * of the looked-up address (a leading '+', spaces) are skipped, and only its first 64 characters count.
 */
public final class PrefixMap<T> {
    private final Node<T> root = new Node<>();

    /** Sets the value of a prefix of digits ("" matches everything); a later put replaces an earlier one. */
    public void put(String prefix, T value) {
        Node<T> n = root;
        for (int i = 0; i < prefix.length(); i++) {
            int d = prefix.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("prefix must be digits: " + prefix);
            }
            @SuppressWarnings("unchecked")
            Node<T>[] next = n.next == null ? (n.next = new Node[10]) : n.next;
            if (next[d] == null) {
                next[d] = new Node<>();
            }
            n = next[d];
        }
        n.value = value;
    }

    /** The value of the longest prefix of {@code address} that has one, or null. */
    public T lookup(CharSequence address) {
        Node<T> n = root;
        T best = root.value;
        int len = address == null ? 0 : Math.min(address.length(), 64);
        for (int i = 0; i < len && n != null; i++) {
            int d = address.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            n = n.next == null ? null : n.next[d];
            if (n != null && n.value != null) {
                best = n.value;
            }
        }
        return best;
    }

    private static final class Node<T> {
        Node<T>[] next;
        T value;
    }
}
