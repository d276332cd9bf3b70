package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.transport.Flow;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.SipReceiver;
import io.edgegw.sipstack.transport.SipTransports;
import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * Joins the transports to the transaction layer: every received message goes to the layer with the flow it came
 * on as its hop, and client transactions send toward a Peer. Bind the transports once they have started.
 */
public final class TransportHops implements SipReceiver {
    private static final System.Logger LOG = System.getLogger(TransportHops.class.getName());

    private final TransactionLayer<SipMessage> layer;
    private volatile SipTransports transports;

    public TransportHops(TransactionLayer<SipMessage> layer) {
        this.layer = layer;
    }

    public void bind(SipTransports started) {
        this.transports = Objects.requireNonNull(started);
        // the messages wait in the UDP socket before any worker's queue: overload control counts that wait too
        layer.workers().watchSocket(started::udpBacklogNanos);
    }

    /**
     * The transports, read when a hop sends rather than when it is made: a message can arrive between the transports'
     * start and {@link #bind}, and its answer must not then find none. Before bind nothing can be sent at all.
     */
    private SipTransports started(ByteBuf message) {
        SipTransports t = transports;
        if (t == null) {
            message.release();
            throw new IllegalStateException("sip transports not bound yet");
        }
        return t;
    }

    /** The hop toward {@code peer}, for a client transaction. */
    public Hop toward(Peer peer) {
        return new PeerHop(this, peer);
    }

    /** The hop back the way a message came (RFC 3261 18.2.2: over its connection, for a stream). */
    public Hop back(Flow flow) {
        return new FlowHop(this, flow);
    }

    /** The flow a hop made by {@link #back} answers on; null for any other hop. */
    public static Flow flowOf(Hop hop) {
        return hop instanceof FlowHop f ? f.flow() : null;
    }

    @Override
    public void onMessage(ByteBuf message, Peer source, Flow flow) {
        layer.receive(message, back(flow));
    }

    @Override
    public void onTransportError(Peer peer, String reason) {
        // Not yet mapped to the transactions using that peer: their timers (B, F, H) end them instead.
        LOG.log(System.Logger.Level.DEBUG, "transport error toward {0}: {1}", peer, reason);
    }

    private record FlowHop(TransportHops hops, Flow flow) implements Hop {
        @Override
        public boolean isReliable() {
            return flow.transport().isStream();
        }

        @Override
        public void send(ByteBuf message) {
            hops.started(message).send(flow, message);
        }

        @Override
        public Peer peer() {
            return flow.peer();
        }
    }

    private record PeerHop(TransportHops hops, Peer peer) implements Hop {
        @Override
        public boolean isReliable() {
            return peer.transport().isStream();
        }

        @Override
        public void send(ByteBuf message) {
            hops.started(message).send(peer, message);
        }

        @Override
        public Peer peer() {
            return peer;
        }
    }
}
