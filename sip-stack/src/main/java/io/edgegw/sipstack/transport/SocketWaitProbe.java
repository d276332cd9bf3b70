package io.edgegw.sipstack.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Measures how long datagrams wait in a UDP socket before its event loop reads them. Every {@link #EVERY_MILLIS} ms
 * a thread of its own sends the socket a probe (a sequence number) from a socket of its own on the same address; the
 * probes queue among the SIP messages, and the event loop drops them as it reads them. {@link #backlogNanos()} is
 * the age of the oldest probe sent and not yet read: every datagram ahead of it in the socket has waited at least
 * that long, so it is a lower bound of the wait of the next message the loop will read, and 0 once the loop has read
 * every probe sent (within a probe interval, 20 ms, of caught up). It is read by the workers when they judge overload
 * (the messages of their calls wait there first), from any thread.
 * <p>
 * Sent from another thread on purpose: a probe the loop sent itself could not enter the socket while the loop is
 * busy, and a loop held up is exactly what must show. Cost: one 20-byte datagram and one wake-up of the probe thread
 * every 20 ms, and per probe read a volatile write. State is fixed: the send times of the last 64 probes. A lost probe
 * (a full socket) stops counting once a later one is read. Probes come from the probe socket's address, which nothing
 * else can send from, and are 20 bytes with a magic number: no SIP message is one. Only on a socket that is the only
 * one bound to its port (with several SO_REUSEPORT readers the kernel would hand all probes to one of them).
 */
final class SocketWaitProbe extends ChannelInboundHandlerAdapter {
    static final long EVERY_MILLIS = 20;
    private static final int MAGIC = 0x53575032; // "SWP2"
    private static final int LENGTH = 20;
    private static final int RING = 64;
    private static final System.Logger LOG = System.getLogger(SocketWaitProbe.class.getName());

    /** Send time of probe {@code seq} at {@code seq % RING}; written by the probe thread before {@link #sentSeq}. */
    private final AtomicLongArray sentAt = new AtomicLongArray(RING);
    /** The last probe in the socket (0: none yet); written by the probe thread only. */
    private volatile long sentSeq;
    /** The highest probe read; written by the event loop only. */
    private volatile long readSeq;
    private volatile InetSocketAddress from;
    private DatagramSocket sender;
    private ScheduledThreadPoolExecutor thread;

    /**
     * How long the oldest probe sent and not read yet has been in the socket (0: none): the datagrams ahead of it
     * have waited at least that long. Any thread; a few volatile reads and a clock read when a probe is unread.
     */
    long backlogNanos() {
        long sent = sentSeq;
        long read = readSeq;
        if (sent <= read) {
            return 0;
        }
        long oldest = Math.max(read + 1, sent - RING + 1);
        return Math.max(0, System.nanoTime() - sentAt.get((int) (oldest % RING)));
    }

    /** How many probes have been sent into the socket so far (tests). */
    long sent() {
        return sentSeq;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress self = (InetSocketAddress) ctx.channel().localAddress();
        InetAddress address = self.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : self.getAddress();
        InetSocketAddress target = new InetSocketAddress(address, self.getPort());
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
            sender = socket;
            from = (InetSocketAddress) socket.getLocalSocketAddress();
            thread = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "sip-socket-probe-" + self.getPort());
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(() -> send(socket, target), EVERY_MILLIS, EVERY_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "no socket wait probe on " + self + ": " + e);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (thread != null) {
            thread.shutdownNow();
        }
        if (sender != null) {
            sender.close();
        }
        ctx.fireChannelInactive();
    }

    /** On the probe thread. */
    private void send(DatagramSocket socket, InetSocketAddress target) {
        long seq = sentSeq + 1;
        long now = System.nanoTime();
        sentAt.set((int) (seq % RING), now);
        byte[] probe = ByteBuffer.allocate(LENGTH).putInt(MAGIC).putLong(seq).putLong(now).array();
        try {
            socket.send(new java.net.DatagramPacket(probe, LENGTH, target));
        } catch (IOException e) {
            return; // closed, or the socket is full: the next one goes 20 ms later
        }
        // Published once it is in the socket (a send on loopback returns once the datagram is queued), so while it
        // counts as unread every datagram ahead of it really is older; it may be read before this write: harmless.
        sentSeq = seq;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            InetSocketAddress probeAddress = from;
            if (probeAddress != null && packet.content().readableBytes() == LENGTH
                    && packet.content().getInt(packet.content().readerIndex()) == MAGIC
                    && probeAddress.equals(packet.sender())) {
                long seq = packet.content().getLong(packet.content().readerIndex() + 4);
                packet.release();
                if (seq > readSeq) {
                    readSeq = seq;
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
