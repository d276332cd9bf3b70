package io.edgegw.core.admin;

import io.edgegw.core.log.OncePerMinute;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/** Warnings about admin clients (refused, malformed, too slow): at most one a minute per source address and kind. */
final class ClientWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final OncePerMinute limiter = new OncePerMinute();

    /** Called on the admin event loop. */
    void warn(String kind, Channel client, String what) {
        String address = address(client);
        if (limiter.allow(kind + " " + address)) {
            LOG.warn("admin client {}: {} (logged once a minute per address and kind)", address, what);
        }
    }

    /** A client's text fit for a log line: printable ASCII, at most 100 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 100));
        for (int i = 0; i < text.length() && i < 100; i++) {
            char c = text.charAt(i);
            out.append(c >= ' ' && c <= '~' ? c : '?');
        }
        return out.toString();
    }

    static String address(Channel client) {
        return client.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress()
                : String.valueOf(client.remoteAddress());
    }
}
