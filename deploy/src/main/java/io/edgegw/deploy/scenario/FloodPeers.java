package io.edgegw.deploy.scenario;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jsmpp.SMPPConstant;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The flood of {@code edge scenario fuzz}, kept up while the campaign runs (each peer reopened when the gateway closes
 * it): peers that connect and never read, most of them silent, a quarter bound and sending enquire_link whose answers
 * they never read, a few of those heavy; and peers that send half a PDU and stall, half of them after a good bind.
 */
final class FloodPeers {
    /**
     * A non-reader's receive buffer: small, so the gateway's answers back up into its own buffers after a few KB
     * rather than the megabytes loopback autotuning would grant.
     */
    private static final int NON_READER_RECEIVE_BUFFER = 4096;
    /** The most enquire_link a sending non-reader sends in one connection's life. */
    private static final int FLOOD_PDUS_PER_CONNECTION = 20_000;
    /**
     * The same for the heavy ones, once each: loopback autotunes the gateway's send buffer to megabytes, so only
     * this many answers (8 MB of them) overflow it and the gateway's own 64 KiB, stop its reading, and have the peer
     * cut off after {@code smpp.stalledPeerSeconds}.
     */
    private static final int HEAVY_FLOOD_PDUS = 500_000;
    private static final int FLOOD_BURST = 256;

    private final LoopbackPeers peers;
    private final FuzzPeers.Credentials credentials;
    private final long seed;
    private final AtomicLong floodPdus = new AtomicLong();
    private volatile boolean flooding;

    FloodPeers(LoopbackPeers peers, FuzzPeers.Credentials credentials, long seed) {
        this.peers = peers;
        this.credentials = credentials;
        this.seed = seed;
    }

    void start(int nonReaders, int stallers) {
        flooding = true;
        for (int n = 0; n < nonReaders; n++) {
            // one in 40 heavy, a quarter bound and sending, the rest silent
            int limit = n % 40 == 0 ? HEAVY_FLOOD_PDUS : n % 4 == 0 ? FLOOD_PDUS_PER_CONNECTION : 0;
            peers.open(LoopbackPeers.ROLE_NON_READER, NON_READER_RECEIVE_BUFFER, () -> new NonReader(limit));
        }
        for (int i = 0; i < stallers; i++) {
            int n = i;
            peers.open(LoopbackPeers.ROLE_STALLER, 0, () -> new Staller(n % 2 == 0,
                    new FuzzPdus(seed ^ 0x5EED_0000L ^ n, LoopbackPeers.MAX_PDU_BYTES)));
        }
    }

    /** Stops sending and reopening; the connections close with the {@link LoopbackPeers}. */
    void stop() {
        flooding = false;
    }

    /** enquire_link sent by non-readers, whose answers they never read, and half PDUs sent by stallers. */
    long pdus() {
        return floodPdus.get();
    }

    /** Never reads: silent, or bound and sending enquire_link until the gateway stops reading it. */
    private final class NonReader extends ChannelInboundHandlerAdapter implements LoopbackPeers.Peer {
        /** enquire_link to send once bound; 0: silent, never binds. */
        private final int limit;
        private final boolean spam;
        private final FuzzPdus pdus = new FuzzPdus(0, LoopbackPeers.MAX_PDU_BYTES);
        private boolean bound;
        private int spammed;

        NonReader(int limit) {
            this.limit = limit;
            this.spam = limit > 0;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (spam) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(pdus.bind(SMPPConstant.CID_BIND_TRANSCEIVER,
                        credentials.flood(), credentials.floodPassword())));
            } else {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            int[] answer = peers.answered(msg);
            if (!bound && answer != null && answer[1] == SMPPConstant.STAT_ESME_ROK) {
                bound = true;
                ctx.channel().config().setAutoRead(false); // from here on, nothing is read
                spam(ctx);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (bound) {
                spam(ctx);
            }
        }

        private void spam(ChannelHandlerContext ctx) {
            for (int i = 0; i < FLOOD_BURST && spammed < limit && ctx.channel().isWritable()
                    && flooding; i++, spammed++) {
                ctx.write(Unpooled.wrappedBuffer(pdus.enquireLink()));
                floodPdus.incrementAndGet();
            }
            ctx.flush();
            if (spammed < limit && ctx.channel().isWritable() && flooding) {
                ctx.executor().execute(() -> spam(ctx)); // the next burst after other channels had their turn
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connectFailed();
        }

        @Override
        public void connectFailed() {
            if (flooding) { // a heavy one is heavy once
                peers.reopen(LoopbackPeers.ROLE_NON_READER, NON_READER_RECEIVE_BUFFER,
                        () -> new NonReader(Math.min(limit, FLOOD_PDUS_PER_CONNECTION)));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Sends half a PDU and stalls, unbound or after a good bind; reads (and ignores) what comes. */
    private final class Staller extends ChannelInboundHandlerAdapter implements LoopbackPeers.Peer {
        private final boolean bindFirst;
        private final FuzzPdus pdus;
        private boolean stalled;

        Staller(boolean bindFirst, FuzzPdus pdus) {
            this.bindFirst = bindFirst;
            this.pdus = pdus;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (bindFirst) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(pdus.bind(SMPPConstant.CID_BIND_TRANSMITTER,
                        credentials.flood(), credentials.floodPassword())));
            } else {
                stall(ctx, pdus.bind(SMPPConstant.CID_BIND_TRANSMITTER, credentials.flood(),
                        credentials.floodPassword()));
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            int[] answer = peers.answered(msg);
            if (bindFirst && !stalled && answer != null && answer[1] == SMPPConstant.STAT_ESME_ROK) {
                stall(ctx, pdus.submitSm());
            }
        }

        private void stall(ChannelHandlerContext ctx, byte[] pdu) {
            stalled = true;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(pdus.half(pdu)));
            floodPdus.incrementAndGet();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connectFailed();
        }

        @Override
        public void connectFailed() {
            if (flooding) {
                peers.reopen(LoopbackPeers.ROLE_STALLER, 0, () -> new Staller(bindFirst, pdus));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
