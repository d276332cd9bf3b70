package io.edgegw.deploy.scenario;

import io.edgegw.smpp.codec.InvalidFrame;
import io.edgegw.smpp.codec.SmppFrameDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.jsmpp.SMPPConstant;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The connections of the fuzz scenario's hostile peers ({@link FuzzPeers}, {@link FloodPeers}) to the gateway on
 * 127.0.0.1: one event loop group, each role from its own loopback addresses (127.0.R.1-250, so bind lockouts and
 * per-address connection caps fall on that role only), and a check of everything the gateway sends back: each answer
 * is framed, and a bad frame or ESME_RSYSERR is evidence of a bug.
 */
final class LoopbackPeers implements AutoCloseable {
    /** What a peer's handler is told besides Netty's events: that its connection could not even be opened. */
    interface Peer extends ChannelInboundHandler {
        void connectFailed();
    }

    static final int MAX_PDU_BYTES = 65_536;
    static final int ROLE_FUZZ_BOUND = 1;
    static final int ROLE_FUZZ_UNBOUND = 2;
    static final int ROLE_BAD_BINDS = 3;
    static final int ROLE_NON_READER = 4;
    static final int ROLE_STALLER = 5;
    /** A reopened connection waits this long, so one refused at once does not spin. */
    private static final long REOPEN_MILLIS = 50;

    private final int port;
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final AtomicInteger[] addressTurns = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
            new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong badFrames = new AtomicLong();
    private final AtomicLong systemErrors = new AtomicLong();
    private final List<String> evidence = new ArrayList<>();
    private volatile boolean closing;

    LoopbackPeers(int port) {
        this.port = port;
    }

    /** Connects a new peer of {@code role}, with a receive buffer of {@code receiveBuffer} bytes if above 0. */
    void open(int role, int receiveBuffer, Supplier<Peer> handlers) {
        if (closing) {
            return;
        }
        Peer handler = handlers.get();
        int turn = addressTurns[role].getAndIncrement();
        InetSocketAddress source = new InetSocketAddress("127.0." + role + "." + (1 + turn % 250), 0);
        opened.incrementAndGet();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
        if (receiveBuffer > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        try {
            bootstrap.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast("framing", new SmppFrameDecoder(MAX_PDU_BYTES));
                    ch.pipeline().addLast("peer", handler);
                }
            }).connect(new InetSocketAddress("127.0.0.1", port), source).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    note("connect from " + source + " failed: " + f.cause());
                    handler.connectFailed();
                }
            });
        } catch (RejectedExecutionException closingAlready) {
            handler.connectFailed();
        }
    }

    /** {@link #open} after a short pause. */
    void reopen(int role, int receiveBuffer, Supplier<Peer> handler) {
        if (!closing) {
            try {
                group.schedule(() -> open(role, receiveBuffer, handler), REOPEN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closingAlready) {
                // the campaign is over
            }
        }
    }

    /** Checks one answer from the gateway and releases it; returns its command_id and status, or null for a bad frame. */
    int[] answered(Object msg) {
        try {
            if (msg instanceof InvalidFrame bad) {
                badFrames.incrementAndGet();
                note("the gateway sent a bad frame: " + bad);
                return null;
            }
            ByteBuf frame = (ByteBuf) msg;
            answers.incrementAndGet();
            int id = frame.getInt(frame.readerIndex() + 4);
            int status = frame.getInt(frame.readerIndex() + 8);
            if (status == SMPPConstant.STAT_ESME_RSYSERR) {
                systemErrors.incrementAndGet();
                note("the gateway answered ESME_RSYSERR to command 0x" + Integer.toHexString(id & ~0x80000000));
            }
            return new int[] {id, status};
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    static boolean isBindResp(int commandId) {
        return commandId == SMPPConstant.CID_BIND_TRANSMITTER_RESP || commandId == SMPPConstant.CID_BIND_RECEIVER_RESP
                || commandId == SMPPConstant.CID_BIND_TRANSCEIVER_RESP;
    }

    synchronized void note(String what) {
        if (evidence.size() < 20) {
            evidence.add(what);
        }
    }

    long opened() {
        return opened.get();
    }

    long answers() {
        return answers.get();
    }

    /** Answers that were no SMPP PDU (a bad frame) or said ESME_RSYSERR: the gateway's bugs, seen from outside. */
    long badAnswers() {
        return badFrames.get() + systemErrors.get();
    }

    synchronized List<String> evidence() {
        return List.copyOf(evidence);
    }

    @Override
    public void close() {
        closing = true;
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
