package io.edgegw.deploy.scenario;

import java.nio.charset.StandardCharsets;

/**
 * The text of scenario message {@code n}, {@code "scenario message #n"}: the gateway passes short_message through
 * untouched, so the carrier can tell which message it got and whether it got it before.
 */
final class MessageMarker {
    private static final String PREFIX = "scenario message #";

    private MessageMarker() {
    }

    static byte[] text(int message) {
        return (PREFIX + message).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The message number in {@code text}, or -1 when it is not a scenario message. */
    static int parse(byte[] text) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        if (!s.startsWith(PREFIX) || s.length() == PREFIX.length() || s.length() > PREFIX.length() + 9) {
            return -1;
        }
        int n = 0;
        for (int i = PREFIX.length(); i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
