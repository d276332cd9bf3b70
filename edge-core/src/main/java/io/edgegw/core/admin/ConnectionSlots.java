package io.edgegw.core.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * At most {@code max} open admin connections. A connection past the cap takes the place of the one idle longest
 * (between requests, or open with nothing sent yet), so idle connections hoarded by one client cannot lock out a
 * probe or a scrape. When none is idle (every one is mid-request, each bounded by the request timeout) the new
 * connection is closed at once. All admin channels share one event loop thread, so plain collections suffice.
 */
@ChannelHandler.Sharable
final class ConnectionSlots extends ChannelInboundHandlerAdapter {
    private final int max;
    private final ClientWarnings warnings;
    private final Set<Channel> open = new HashSet<>();
    private final Set<Channel> idle = new LinkedHashSet<>(); // oldest idle first

    ConnectionSlots(int max, ClientWarnings warnings) {
        this.max = max;
        this.warnings = warnings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        if (open.size() >= max) {
            Iterator<Channel> oldest = idle.iterator();
            if (!oldest.hasNext()) {
                warnings.warn("refused", ch, max + " connections open, all mid-request: connection refused");
                ctx.close();
                return;
            }
            Channel evicted = oldest.next();
            oldest.remove();
            open.remove(evicted);
            evicted.close();
            warnings.warn("evicted", ch, max + " connections open: closed the one idle longest to make way");
        }
        open.add(ch);
        idle.add(ch);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.remove(ctx.channel());
        idle.remove(ctx.channel());
        ctx.fireChannelInactive();
    }

    /** Between requests: may make way for a new connection, the longest idle first. */
    void idle(Channel ch) {
        if (open.contains(ch)) {
            idle.remove(ch);
            idle.add(ch);
        }
    }

    /** A request is arriving or being answered: this connection keeps its place. */
    void busy(Channel ch) {
        idle.remove(ch);
    }
}
