package io.edgegw.sipstack.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The UDP socket(s) on one port. With epoll, {@code udpReaders} channels share the port through SO_REUSEPORT, so
 * the kernel spreads senders over several event loops; with NIO there is one. Sends toward a peer always leave by the
 * same channel (chosen by address), so one peer's datagrams keep their order.
 */
final class UdpListener {
    private static final int MAX_DATAGRAM = 65536;
    private static final int SOCKET_BUFFER = 4 << 20; // the kernel caps it at net.core.{r,w}mem_max

    private final List<Channel> channels;

    private final SocketWaitProbe probe;

    private UdpListener(List<Channel> channels) {
        this.channels = channels;
        this.probe = channels.get(0).pipeline().get(SocketWaitProbe.class);
    }

    static UdpListener bind(TransportConfig config, Sockets sockets, EventLoopGroup group, DatagramDispatch dispatch)
            throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(sockets.datagramChannel())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()));
        int readers = sockets.epoll() ? config.udpReaders() : 1;
        bootstrap.handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        channel.pipeline().addLast("flush", new FlushBatcher());
                        if (readers == 1) {
                            // with several SO_REUSEPORT readers a probe may land in another reader's socket: the
                            // socket's wait is measured only when this is the port's one socket
                            channel.pipeline().addLast("wait", new SocketWaitProbe());
                        }
                        channel.pipeline().addLast("dispatch", dispatch);
                    }
                });
        if (readers > 1) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        List<Channel> channels = new ArrayList<>(readers);
        int port = config.udpPort();
        try {
            for (int i = 0; i < readers; i++) {
                Channel channel = bootstrap.bind(config.host(), port).sync().channel();
                port = ((InetSocketAddress) channel.localAddress()).getPort();
                channels.add(channel);
            }
        } catch (InterruptedException | RuntimeException e) {
            channels.forEach(Channel::close);
            throw e;
        }
        return new UdpListener(List.copyOf(channels));
    }

    /** The first channel's wait probe, or null when it has none (several readers). */
    SocketWaitProbe probe() {
        return probe;
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channels.get(0).localAddress();
    }

    Channel channelFor(Peer peer) {
        return channels.size() == 1 ? channels.get(0)
                : channels.get(Math.floorMod(peer.address().hashCode(), channels.size()));
    }

    void close() {
        // a flush queued from here runs behind the writes other threads queued, so their last answers (a 503 at
        // shutdown) leave before the socket closes
        channels.forEach(c -> {
            c.flush();
            c.close();
        });
    }
}
