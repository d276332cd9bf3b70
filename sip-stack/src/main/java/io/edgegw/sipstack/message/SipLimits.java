package io.edgegw.sipstack.message;

/**
 * What one message may hold; a message over any of them is refused before anything else is read from it. The
 * defaults mirror the caps the JAIN-SIP based proxy applies today (sip-connector's GuardedParserFactory).
 *
 * @param maxMessageBytes the whole message, start line to body end (a UDP datagram carries at most 64 KiB)
 * @param maxHeaderLines  header lines, folded continuation lines counted separately
 * @param maxLineBytes    bytes on one line
 * @param maxVias         Via values, comma-separated ones counted one by one (Max-Forwards starts at 70)
 */
public record SipLimits(int maxMessageBytes, int maxHeaderLines, int maxLineBytes, int maxVias) {
    public static final SipLimits DEFAULT = new SipLimits(65_536, 256, 8_192, 70);

    public SipLimits {
        if (maxMessageBytes < 64 || maxHeaderLines < 5 || maxLineBytes < 32 || maxVias < 1) {
            throw new IllegalArgumentException("SIP limits too small to hold a message: " + maxMessageBytes + "/"
                    + maxHeaderLines + "/" + maxLineBytes + "/" + maxVias);
        }
    }
}
