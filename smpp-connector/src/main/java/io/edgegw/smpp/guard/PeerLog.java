package io.edgegw.smpp.guard;

import io.edgegw.core.log.OncePerMinute;
import org.slf4j.Logger;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Warnings about what a peer did, at most once a minute per key (what happened and from which address, or as which
 * system_id), so a hostile peer cannot fill the disk with our logs ({@link OncePerMinute} bounds the table). Text in
 * the arguments may come from the peer (a system_id, a decoder's complaint quoting a field), so it is made
 * {@link #printable}: a newline in a system_id would otherwise forge a log line of the peer's choosing.
 */
public final class PeerLog {
    /** Longest argument logged: a field can be 64 KiB of the peer's bytes. */
    static final int MAX_ARGUMENT_CHARS = 200;

    private final Logger log;
    private final OncePerMinute limiter = new OncePerMinute();

    public PeerLog(Logger log) {
        this.log = log;
    }

    /** What happened and the peer's IP address (not its port: a reconnecting peer is the same peer). */
    public static String key(String what, SocketAddress remote) {
        String host = remote instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(remote);
        return what + "|" + host;
    }

    public void warn(String key, String format, Object... args) {
        if (log.isWarnEnabled() && limiter.allow(key)) {
            log.warn(format, printable(args));
        }
    }

    public void info(String key, String format, Object... args) {
        if (log.isInfoEnabled() && limiter.allow(key)) {
            log.info(format, printable(args));
        }
    }

    /** String arguments with control characters and line separators shown as {@code ?}, cut at {@link #MAX_ARGUMENT_CHARS}. */
    static Object[] printable(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof String s) {
                out[i] = printable(s);
            }
        }
        return out;
    }

    static String printable(String s) {
        int keep = Math.min(s.length(), MAX_ARGUMENT_CHARS);
        StringBuilder b = new StringBuilder(keep + 24);
        for (int i = 0; i < keep; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c); // line breaks of any kind
        }
        if (s.length() > keep) {
            b.append("...(").append(s.length() - keep).append(" more)");
        }
        return b.toString();
    }
}
