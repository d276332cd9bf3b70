package io.edgegw.core.net;

import io.edgegw.core.config.ProxyProtocolConfig;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.tenant.Cidr;
import io.netty.channel.Channel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The PROXY protocol (v1 and v2, HAProxy's) at the front of a TCP listener's pipelines: a connection from a trusted
 * balancer must begin with a header naming the client, which then stands for the peer ({@link PeerSource}) in every
 * check and log line. A connection from anyone else is closed at accept: its header could claim any address.
 * Shared by the listeners of one connector; thread-safe.
 */
public final class ProxyProtocol {
    /** Why a connection was closed before its header was read; {@link #tag} is the metric's reason. */
    public enum Refusal {
        UNTRUSTED("proxy_untrusted", "not from a proxyProtocol.trustedSources address (its PROXY header could claim "
                + "any client)"),
        BAD_HEADER("proxy_header", "no valid PROXY header"),
        TIMEOUT("proxy_timeout", "no PROXY header in time");

        public final String tag;
        final String why;

        Refusal(String tag, String why) {
            this.tag = tag;
            this.why = why;
        }
    }

    /** TLVs (HAProxy sends none unless told to) beyond this make the v2 header invalid; v1 is bounded at 108 bytes. */
    static final int MAX_TLV_BYTES = 1024;
    static final String DECODER = "proxy-header";
    static final String READER = "proxy-source";

    private static final Logger log = LoggerFactory.getLogger(ProxyProtocol.class);

    private final List<Cidr> trusted;
    private final long headerTimeoutMillis;
    private final String listener;
    private final Consumer<Refusal> refused;
    private final OncePerMinute logGate = new OncePerMinute();

    /**
     * @param listener what the log lines call the listener ("SMPP", "SIP TCP")
     * @param refused  counts each refusal
     */
    public ProxyProtocol(ProxyProtocolConfig config, String listener, Consumer<Refusal> refused) {
        this.trusted = config.trusted();
        this.headerTimeoutMillis = config.headerTimeoutMillis();
        this.listener = listener;
        this.refused = refused;
    }

    /** The listener's PROXY protocol, or null when {@code config} leaves it off. */
    public static ProxyProtocol of(ProxyProtocolConfig config, String listener, Consumer<Refusal> refused) {
        return config.enabled() ? new ProxyProtocol(config, listener, refused) : null;
    }

    /**
     * At accept, before any other handler is added: closes a connection from an untrusted address, else installs the
     * header reader. Once the header is read, {@code admit} runs on the channel's event loop with the client known
     * ({@link PeerSource}); it does the accept-time checks and builds the rest of the pipeline (returning true), or
     * closes the channel (false). The new handlers then see channelActive; the bytes after the header reach them.
     */
    public void accept(Channel channel, Predicate<Channel> admit) {
        InetAddress from = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        if (!trusts(from)) {
            refuse(channel, Refusal.UNTRUSTED, null);
            return;
        }
        channel.pipeline().addLast(DECODER, new HAProxyMessageDecoder(MAX_TLV_BYTES));
        channel.pipeline().addLast(READER, new ProxyHeaderReader(this, headerTimeoutMillis, admit));
    }

    boolean trusts(InetAddress address) {
        for (Cidr c : trusted) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    void refuse(Channel channel, Refusal why, String detail) {
        refused.accept(why);
        InetSocketAddress from = (InetSocketAddress) channel.remoteAddress();
        String host = from == null ? "?" : from.getAddress().getHostAddress();
        if (log.isWarnEnabled() && logGate.allow(why.tag + "|" + host)) {
            log.warn("{} connection from {} closed: {}{}", listener, host, why.why,
                    detail == null ? "" : " (" + printable(detail) + ")");
        }
        channel.close();
    }

    /** A decoder's complaint can quote the peer's bytes: no line breaks, bounded. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return b.toString();
    }
}
