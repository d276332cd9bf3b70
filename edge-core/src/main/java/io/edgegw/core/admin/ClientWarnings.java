package io.edgegw.core.admin;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/** Warnings about admin clients (refused, malformed, too slow): at most one a minute per source address and kind. */
final class ClientWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final OncePerMinute limiter = new OncePerMinute();

    /** Called on the admin event loop only, as {@link OncePerMinute} needs. */
    void warn(String kind, Channel client, String what) {
        String address = address(client);
        if (limiter.allow(kind + " " + address)) {
            LOG.warn("admin: {} from {} (logged once a minute per address)", what, address);
        }
    }

    static String address(Channel client) {
        return client.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress()
                : String.valueOf(client.remoteAddress());
    }
}
