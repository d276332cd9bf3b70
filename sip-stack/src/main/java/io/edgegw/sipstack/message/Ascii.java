package io.edgegw.sipstack.message;

import java.nio.charset.StandardCharsets;

/** Byte-level helpers for SIP text: ASCII fast paths, no allocation unless a String is asked for. */
final class Ascii {
    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte[] CRLF = {CR, LF};
    static final byte[] COLON_SP = {':', ' '};

    private Ascii() {
    }

    /** Linear white space inside a header value, folded line breaks included. */
    static boolean isLws(int c) {
        return c == ' ' || c == '\t' || c == CR || c == LF;
    }

    /** RFC 3261 token characters (method names, header names, parameter names, transports). */
    static boolean isToken(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+'
                || c == '`' || c == '\'' || c == '~';
    }

    static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
    }

    static int skipLws(byte[] b, int from, int to) {
        while (from < to && isLws(b[from])) {
            from++;
        }
        return from;
    }

    static int trimEnd(byte[] b, int from, int to) {
        while (to > from && isLws(b[to - 1])) {
            to--;
        }
        return to;
    }

    static boolean equalsIgnoreCase(byte[] b, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (lower(b[from + i]) != lower(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] b, int from, int to, String s) {
        if (to - from < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative decimal number of at most 10 digits, or -1 when the range holds anything else. */
    static long parseNumber(byte[] b, int from, int to) {
        if (from >= to || to - from > 10) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** A header value as a String, folded line breaks (CRLF followed by white space) collapsed to one space. */
    static String value(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == CR || b[i] == LF) {
                return unfold(b, from, to);
            }
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private static String unfold(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (isLws(b[i])) {
                while (i + 1 < to && isLws(b[i + 1])) {
                    i++;
                }
                out[n++] = ' ';
            } else {
                out[n++] = b[i];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Index of the first c in s from 'from' that is outside double quotes and angle brackets, or -1. */
    static int indexOutside(String s, char c, int from) {
        boolean quoted = false;
        int angle = 0;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == '<') {
                angle++;
            } else if (ch == '>' && angle > 0) {
                angle--;
            } else if (ch == c && angle == 0) {
                return i;
            }
        }
        return -1;
    }
}
