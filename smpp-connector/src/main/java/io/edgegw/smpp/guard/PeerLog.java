package io.edgegw.smpp.guard;

import io.edgegw.core.log.OncePerMinute;
import org.slf4j.Logger;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Warnings about what a peer did, at most once a minute per key (what happened and from which address, or as which
 * system_id), so a hostile peer cannot fill the disk with our logs ({@link OncePerMinute} bounds the table).
 */
public final class PeerLog {
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
            log.warn(format, args);
        }
    }

    public void info(String key, String format, Object... args) {
        if (log.isInfoEnabled() && limiter.allow(key)) {
            log.info(format, args);
        }
    }
}
