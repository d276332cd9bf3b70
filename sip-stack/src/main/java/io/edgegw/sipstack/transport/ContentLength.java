package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;

/**
 * Reads the Content-Length header (long form or compact {@code l}, any case, optional whitespace around the colon)
 * out of a block of raw headers. The only header the transport reads: streams are framed by it.
 */
final class ContentLength {
    static final long MISSING = -1;
    static final long INVALID = -2;
    private static final long MAX = Integer.MAX_VALUE;

    private ContentLength() {
    }

    /** The body length, MISSING, or INVALID (not a number, or two headers that disagree: a smuggling attempt). */
    static long find(ByteBuf buf, int start, int headersEnd) {
        long found = MISSING;
        int line = nextLine(buf, start, headersEnd); // the start line is no header
        while (line < headersEnd) {
            int eol = nextLine(buf, line, headersEnd);
            byte first = buf.getByte(line);
            if (first != ' ' && first != '\t' && isContentLength(buf, line, eol)) {
                long value = value(buf, buf.indexOf(line, eol, (byte) ':') + 1, eol);
                if (value < 0 || (found >= 0 && found != value)) {
                    return INVALID;
                }
                found = value;
            }
            line = eol;
        }
        return found;
    }

    /** The index just past the next LF at or after {@code from}, or {@code end}. */
    private static int nextLine(ByteBuf buf, int from, int end) {
        int lf = buf.indexOf(from, end, (byte) '\n');
        return lf < 0 ? end : lf + 1;
    }

    private static boolean isContentLength(ByteBuf buf, int line, int eol) {
        int colon = buf.indexOf(line, eol, (byte) ':');
        if (colon < 0) {
            return false;
        }
        int nameEnd = colon;
        while (nameEnd > line && isSpace(buf.getByte(nameEnd - 1))) {
            nameEnd--;
        }
        int length = nameEnd - line;
        if (length == 1) {
            return (buf.getByte(line) | 0x20) == 'l';
        }
        return length == 14 && equalsIgnoreCase(buf, line, "content-length");
    }

    private static boolean equalsIgnoreCase(ByteBuf buf, int at, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            byte b = buf.getByte(at + i);
            char c = lower.charAt(i);
            if (b != c && (b | 0x20) != c) {
                return false;
            }
        }
        return true;
    }

    private static long value(ByteBuf buf, int from, int eol) {
        int i = from;
        while (i < eol && isSpace(buf.getByte(i))) {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < eol; i++) {
            byte b = buf.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
            if (++digits > 10 || value > MAX) {
                return INVALID;
            }
        }
        for (; i < eol; i++) {
            if (!isSpace(buf.getByte(i))) {
                return INVALID;
            }
        }
        return digits == 0 ? INVALID : value;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
