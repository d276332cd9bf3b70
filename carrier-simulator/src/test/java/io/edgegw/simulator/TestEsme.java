package io.edgegw.simulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.util.DefaultComposer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare-hands ESME for tests: writes PDUs, queues every PDU it receives, answers deliver_sm with ROK. Speaks through
 * {@link JsmppCodec} (jSMPP), never the simulator's own wire code.
 */
public final class TestEsme implements AutoCloseable {
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final BlockingQueue<Command> received = new LinkedBlockingQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Channel channel;
    private volatile boolean answerDeliverSm = true;
    private volatile int refusal = SMPPConstant.STAT_ESME_ROK;
    private volatile long refusalMillis;
    private final AtomicInteger refused = new AtomicInteger();

    public TestEsme(int port) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        JsmppCodec.install(ch.pipeline());
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            /** When refusing ends: set at the first deliver_sm refused. */
                            private long refusingUntil;
                            private boolean refusing;

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof DeliverSm deliver && answerDeliverSm) {
                                    ctx.writeAndFlush(COMPOSER.deliverSmResp(status(), deliver.getSequenceNumber(),
                                            null));
                                }
                                if (msg instanceof Command command) {
                                    received.add(command);
                                }
                            }

                            private int status() {
                                if (refusal == SMPPConstant.STAT_ESME_ROK) {
                                    return SMPPConstant.STAT_ESME_ROK;
                                }
                                long now = System.nanoTime();
                                if (!refusing) {
                                    refusing = true;
                                    refusingUntil = now + TimeUnit.MILLISECONDS.toNanos(refusalMillis);
                                }
                                if (now - refusingUntil >= 0) {
                                    return SMPPConstant.STAT_ESME_ROK;
                                }
                                refused.incrementAndGet();
                                return refusal;
                            }
                        });
                    }
                }).connect("127.0.0.1", port).sync().channel();
    }

    /** Stops answering deliver_sm, as a stuck ESME would. */
    public void ignoreDeliverSm() {
        answerDeliverSm = false;
    }

    /**
     * Answers deliver_sm with {@code status} for {@code millis} from the first one it refuses, then ROK again: an ESME
     * too busy to take receipts for a moment (a gateway catching up after a restart).
     */
    public void refuseDeliverSmFor(int status, long millis) {
        refusalMillis = millis;
        refusal = status;
    }

    /** deliver_sm answered with the refusal so far. */
    public int deliverSmRefused() {
        return refused.get();
    }

    /** Sends a bind and returns its bind_resp. */
    public Command bind(int commandId, String systemId, String password) throws Exception {
        sendBind(commandId, systemId, password);
        return next();
    }

    /** Sends a bind without waiting for its answer; returns its sequence number. */
    public int sendBind(int commandId, String systemId, String password) throws Exception {
        int seq = sequence.incrementAndGet();
        channel.writeAndFlush(COMPOSER.bind(commandId, seq, systemId, password, "",
                InterfaceVersion.IF_34.value(), TypeOfNumber.UNKNOWN.value(), NumberingPlanIndicator.UNKNOWN.value(), null)).sync();
        return seq;
    }

    /** Sends submit_sm with the given registered_delivery and returns its submit_sm_resp. */
    public Command submit(String text, byte registeredDelivery) throws Exception {
        sendSubmit(text, registeredDelivery);
        return next();
    }

    /** Sends submit_sm without waiting for its answer; returns its sequence number. */
    public int sendSubmit(String text, byte registeredDelivery) throws Exception {
        int seq = sequence.incrementAndGet();
        channel.writeAndFlush(COMPOSER.submitSm(seq, null, TypeOfNumber.INTERNATIONAL.value(), NumberingPlanIndicator.ISDN.value(), "1000",
                TypeOfNumber.INTERNATIONAL.value(), NumberingPlanIndicator.ISDN.value(), "4479000001", (byte) 0, (byte) 0, (byte) 0, null, null, registeredDelivery,
                (byte) 0, (byte) 0, (byte) 0, text.getBytes(StandardCharsets.ISO_8859_1))).sync();
        return seq;
    }

    /** Sends enquire_link without waiting for its answer; returns its sequence number. */
    public int sendEnquireLink() throws Exception {
        int seq = sequence.incrementAndGet();
        channel.writeAndFlush(COMPOSER.enquireLink(seq)).sync();
        return seq;
    }

    public Command unbind() throws Exception {
        channel.writeAndFlush(COMPOSER.unbind(sequence.incrementAndGet())).sync();
        return next();
    }

    /** Next PDU received, waiting at most 10 s (bounded, so a broken peer fails the test instead of hanging it). */
    public Command next() throws InterruptedException {
        Command c = received.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no PDU received within 10 s");
        }
        return c;
    }

    /** Next PDU received within {@code millis}, or null. */
    public Command poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Writes raw octets as they are (a broken frame, a body with a bad field). */
    public void sendRaw(byte[] octets) throws InterruptedException {
        channel.writeAndFlush(Unpooled.wrappedBuffer(octets)).sync();
    }

    /** Waits (bounded) until the simulator has closed the connection. */
    public boolean awaitClosed() throws InterruptedException {
        return channel.closeFuture().await(10, TimeUnit.SECONDS);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
