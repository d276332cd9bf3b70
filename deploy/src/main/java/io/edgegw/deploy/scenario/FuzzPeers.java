package io.edgegw.deploy.scenario;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import org.jsmpp.SMPPConstant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fuzzing connections of {@code edge scenario fuzz}: {@code connections} at a time, each playing one script of
 * {@link FuzzPdus} (mostly a session bound as the fuzzer; some never bound; some only bad binds or a bad frame) until
 * exactly {@code pdus} PDUs have been handed to the kernel. A PDU a connection could not send goes back to the
 * budget, for a later script. Scripts are drawn from the seed by their number, so the bytes are the same for the
 * same seed; how the connections interleave is up to the scheduler.
 */
final class FuzzPeers {
    /** The credentials the roles bind with. */
    record Credentials(String fuzzer, String fuzzerPassword, String flood, String floodPassword, String decoy) {
    }

    /** Wait at most this long for a bind_resp, or for the gateway to close after our last PDU. */
    private static final long ANSWER_MILLIS = 15_000;

    private final LoopbackPeers peers;
    private final int connections;
    private final long seed;
    private final Credentials credentials;
    private final AtomicLong budget;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong scripts = new AtomicLong();
    private final AtomicLong refusedBinds = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();

    FuzzPeers(LoopbackPeers peers, long pdus, int connections, long seed, Credentials credentials) {
        this.peers = peers;
        this.budget = new AtomicLong(pdus);
        this.connections = connections;
        this.seed = seed;
        this.credentials = credentials;
    }

    void start() {
        for (int i = 0; i < connections; i++) {
            nextScript();
        }
    }

    /** Every PDU has been sent and every fuzzing connection has ended. */
    boolean done() {
        return budget.get() == 0 && active.get() == 0;
    }

    long sent() {
        return sent.get();
    }

    /** The fuzzer's own good binds that were refused (a lockout would make the campaign hollow). */
    long refusedBinds() {
        return refusedBinds.get();
    }

    /** The next script, drawn from the seed by its number: mostly sessions bound as the fuzzer, some never bound. */
    private void nextScript() {
        long number = scripts.getAndIncrement();
        FuzzPdus pdus = new FuzzPdus(seed * 1_000_003L + number, LoopbackPeers.MAX_PDU_BYTES);
        int kind = pdus.nextInt(100);
        List<byte[]> script = new ArrayList<>();
        byte[] bind = null;
        int role;
        if (kind < 55) {
            role = LoopbackPeers.ROLE_FUZZ_BOUND;
            bind = pdus.anyBind(credentials.fuzzer(), credentials.fuzzerPassword());
            for (int i = 20 + pdus.nextInt(400); i > 0; i--) {
                script.add(pdus.inFrame(credentials.fuzzer(), credentials.fuzzerPassword()));
            }
            // how it ends; a bad frame mid-script would only have the gateway skip the rest of it unread
            switch (pdus.nextInt(3)) {
                case 0 -> script.add(pdus.unbind());
                case 1 -> script.add(pdus.badFrame());
                default -> { } // a half-close or a reset
            }
        } else if (kind < 70) {
            role = LoopbackPeers.ROLE_FUZZ_UNBOUND;
            for (int i = 1 + pdus.nextInt(6); i > 0; i--) {
                script.add(pdus.beforeBind());
            }
        } else if (kind < 85) {
            role = LoopbackPeers.ROLE_BAD_BINDS;
            for (int i = 1 + pdus.nextInt(4); i > 0; i--) {
                script.add(pdus.badBind(credentials.decoy()));
            }
        } else {
            role = LoopbackPeers.ROLE_FUZZ_UNBOUND;
            script.add(pdus.badFrame());
        }
        int wanted = script.size() + (bind == null ? 0 : 1);
        long granted = take(wanted);
        if (granted == 0) {
            return;
        }
        if (granted < wanted) { // the last script: cut to the budget left
            if (bind != null && granted == 1) {
                script.clear();
            } else {
                script = new ArrayList<>(script.subList(0, (int) granted - (bind == null ? 0 : 1)));
            }
        }
        boolean reset = pdus.nextInt(10) == 0;
        byte[] bindFirst = bind;
        List<byte[]> toSend = script;
        active.incrementAndGet();
        peers.open(role, 0, () -> new FuzzConnection(bindFirst, toSend, reset));
    }

    private long take(int wanted) {
        while (true) {
            long left = budget.get();
            long granted = Math.min(left, wanted);
            if (granted == 0 || budget.compareAndSet(left, left - granted)) {
                return granted;
            }
        }
    }

    private void connectionEnded() {
        active.decrementAndGet();
        nextScript();
    }

    /** One fuzzing connection: optionally a good bind first, then its script, then a half-close (or a reset). */
    private final class FuzzConnection extends ChannelInboundHandlerAdapter implements LoopbackPeers.Peer {
        private final byte[] bind;
        private final List<byte[]> script;
        private final boolean reset;
        private boolean bindWritten;
        private boolean sending;
        private boolean finished;
        private int next;
        private boolean ended;

        FuzzConnection(byte[] bind, List<byte[]> script, boolean reset) {
            this.bind = bind;
            this.script = script;
            this.reset = reset;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // a stuck exchange (no bind_resp, no close after our last PDU) is given up, bounded
            ctx.executor().schedule(() -> ctx.close(), ANSWER_MILLIS + 2L * script.size(), TimeUnit.MILLISECONDS);
            if (bind != null) {
                bindWritten = true;
                write(ctx, bind);
                ctx.flush();
            } else {
                startSending(ctx);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            int[] answer = peers.answered(msg);
            if (bind != null && !sending && answer != null && LoopbackPeers.isBindResp(answer[0])) {
                if (answer[1] == SMPPConstant.STAT_ESME_ROK) {
                    startSending(ctx);
                } else {
                    refusedBinds.incrementAndGet();
                    peers.note("the fuzzer's bind was refused, status 0x" + Integer.toHexString(answer[1]));
                    ctx.close();
                }
            }
        }

        private void startSending(ChannelHandlerContext ctx) {
            sending = true;
            send(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (sending) {
                send(ctx);
            }
        }

        private void send(ChannelHandlerContext ctx) {
            while (next < script.size() && ctx.channel().isWritable() && ctx.channel().isActive()) {
                write(ctx, script.get(next++));
            }
            ctx.flush();
            if (next == script.size() && !finished && ctx.channel().isActive()) {
                finished = true;
                if (reset) {
                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                    ctx.close();
                } else {
                    ((SocketChannel) ctx.channel()).shutdownOutput(); // the gateway closes once it has read it all
                }
            }
        }

        private void write(ChannelHandlerContext ctx, byte[] pdu) {
            ctx.write(Unpooled.wrappedBuffer(pdu)).addListener(f -> {
                if (f.isSuccess()) {
                    sent.incrementAndGet();
                } else {
                    budget.incrementAndGet(); // not sent: a later script sends one more
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end();
        }

        @Override
        public void connectFailed() {
            end();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // resets are part of the game
        }

        /** What was never handed to the channel goes back to the budget; what was, reports through its listener. */
        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            budget.addAndGet((script.size() - next) + (bind != null && !bindWritten ? 1 : 0));
            connectionEnded();
        }
    }

}
