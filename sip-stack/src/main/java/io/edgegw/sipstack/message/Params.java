package io.edgegw.sipstack.message;

import java.util.Arrays;

/**
 * The ";name=value" parameters of a URI, a Via or a name-addr, in the order written. Immutable; names compare
 * case-insensitively. A flag parameter (";lr") has the value "" from {@link #get(String)}.
 */
public final class Params {
    public static final Params EMPTY = new Params(new String[0]);

    /** name, value, name, value...; a flag's value is null. */
    private final String[] nv;

    private Params(String[] nv) {
        this.nv = nv;
    }

    /** Parameters in s[from, to), which starts at the first ';' (white space around ';' and '=' allowed). */
    static Params parse(String s, int from, int to) {
        String[] out = new String[8];
        int n = 0;
        int i = from;
        while (i < to) {
            while (i < to && (s.charAt(i) == ';' || Ascii.isLws(s.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < to && s.charAt(i) != '=' && s.charAt(i) != ';' && !Ascii.isLws(s.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                break;
            }
            String name = s.substring(nameStart, i);
            while (i < to && Ascii.isLws(s.charAt(i))) {
                i++;
            }
            String value = null;
            if (i < to && s.charAt(i) == '=') {
                i++;
                while (i < to && Ascii.isLws(s.charAt(i))) {
                    i++;
                }
                int valueStart = i;
                if (i < to && s.charAt(i) == '"') {
                    i++;
                    while (i < to && s.charAt(i) != '"') {
                        i += s.charAt(i) == '\\' ? 2 : 1;
                    }
                    i = Math.min(i + 1, to);
                } else {
                    while (i < to && s.charAt(i) != ';' && !Ascii.isLws(s.charAt(i))) {
                        i++;
                    }
                }
                value = s.substring(valueStart, i);
            }
            if (n + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = name;
            out[n++] = value;
        }
        return n == 0 ? EMPTY : new Params(Arrays.copyOf(out, n));
    }

    public int size() {
        return nv.length / 2;
    }

    public String name(int i) {
        return nv[2 * i];
    }

    /** The value of the i-th parameter, "" for a flag. */
    public String value(int i) {
        return nv[2 * i + 1] == null ? "" : nv[2 * i + 1];
    }

    /** The value, "" for a flag, null when absent. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : value(i);
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** These parameters with name set to value (null: a flag), in its place if it was there, else last. */
    public Params with(String name, String value) {
        int i = indexOf(name);
        String[] copy;
        if (i >= 0) {
            copy = nv.clone();
        } else {
            copy = Arrays.copyOf(nv, nv.length + 2);
            i = nv.length / 2;
            copy[2 * i] = name;
        }
        copy[2 * i + 1] = value;
        return new Params(copy);
    }

    public Params without(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return this;
        }
        String[] copy = new String[nv.length - 2];
        System.arraycopy(nv, 0, copy, 0, 2 * i);
        System.arraycopy(nv, 2 * i + 2, copy, 2 * i, nv.length - 2 * i - 2);
        return new Params(copy);
    }

    void appendTo(StringBuilder sb) {
        for (int i = 0; i < nv.length; i += 2) {
            sb.append(';').append(nv[i]);
            if (nv[i + 1] != null) {
                sb.append('=').append(nv[i + 1]);
            }
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < nv.length; i += 2) {
            if (nv[i].equalsIgnoreCase(name)) {
                return i / 2;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && Arrays.equals(nv, p.nv);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nv);
    }
}
