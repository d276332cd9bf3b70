package io.edgegw.simulator.sip;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipParser;
import io.edgegw.sipstack.transaction.Hop;
import io.edgegw.sipstack.transaction.SipMessageCodec;
import io.edgegw.sipstack.transaction.TransactionConfig;
import io.edgegw.sipstack.transaction.TransactionLayer;
import io.edgegw.sipstack.transaction.TransactionUser;
import io.edgegw.sipstack.transaction.TransportHops;
import io.edgegw.sipstack.transport.Flow;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.SipReceiver;
import io.edgegw.sipstack.transport.SipTransports;
import io.edgegw.sipstack.transport.Transport;
import io.edgegw.sipstack.transport.TransportConfig;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * One SIP user agent's plumbing on sip-stack, shared by the trunk and the load generator: Netty transports feeding
 * a transaction layer, with hops that remember the flow a request came on (a UA answers, and sends in-dialog
 * requests over a stream, on the connection its peer opened). An optional gate sees every parsed message before the
 * layer does and may drop it (a silent trunk: no transaction, no automatic answer).
 */
final class SipEndpoint implements SipReceiver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);

    private final TransactionLayer<SipMessage> layer;
    private final Predicate<SipMessage> gate;
    private final TransportHops hops;
    private volatile SipTransports transports;

    private SipEndpoint(TransactionConfig config, TransactionUser<SipMessage> tu, Predicate<SipMessage> gate) {
        this.layer = new TransactionLayer<>(config, SipMessageCodec.INSTANCE, tu);
        this.hops = new TransportHops(layer);
        this.gate = gate;
    }

    /** The layer and its transports, listening as {@code transport} says; closed again when they cannot bind. */
    static SipEndpoint start(TransportConfig transport, TransactionConfig config, TransactionUser<SipMessage> tu,
                             Predicate<SipMessage> gate) throws IOException {
        SipEndpoint endpoint = new SipEndpoint(config, tu, gate);
        try {
            endpoint.transports = SipTransports.start(transport, endpoint);
            endpoint.hops.bind(endpoint.transports);
            return endpoint;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endpoint.close();
            throw new IOException("interrupted while binding sip transports", e);
        } catch (RuntimeException e) {
            endpoint.close();
            throw new IOException("cannot bind sip transports on " + transport.host() + ": " + e.getMessage(), e);
        }
    }

    /** The simulator's transaction timers: RFC 3261's, two workers per process at most (this machine shares cores). */
    static TransactionConfig transactions() {
        return TransactionConfig.DEFAULT.withWorkers(Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Stream bounds for a load tool: one connection carries a whole run, so a second's backlog at thousands of calls
     * a second (or a slow TLS handshake) must not cut it off; still bounded.
     */
    static TransportConfig.Builder loadBounds(TransportConfig.Builder builder) {
        return builder.writeBufferWaterMarks(1 << 20, 4 << 20).maxPendingBytes(32 << 20);
    }

    TransactionLayer<SipMessage> layer() {
        return layer;
    }

    /** The bound port of {@code transport}, -1 when it does not listen. */
    int port(Transport transport) {
        return transports.port(transport);
    }

    /** A hop toward {@code peer}: UDP from the listening socket, a stream over an open connection or a new one. */
    Hop toward(Peer peer) {
        return hops.toward(peer);
    }

    /** The flow a server transaction's request came on, or null for a hop this endpoint did not make from a flow. */
    static Flow flowOf(Hop hop) {
        return TransportHops.flowOf(hop);
    }

    @Override
    public void onMessage(ByteBuf bytes, Peer source, Flow flow) {
        SipMessage message;
        try {
            message = SipParser.parse(bytes);
        } catch (Exception e) {
            LOG.debug("dropped an unparsable message from {}: {}", source, e.getMessage());
            return;
        } finally {
            bytes.release();
        }
        if (gate == null || gate.test(message)) {
            layer.receive(message, hops.back(flow));
        }
    }

    @Override
    public void onTransportError(Peer peer, String reason) {
        // the transactions toward that peer end on their own timers (B, F) and the caller counts them
        LOG.debug("sip transport error toward {}: {}", peer, reason);
    }

    @Override
    public void close() {
        SipTransports t = transports;
        if (t != null) {
            t.close();
        }
        layer.close();
    }
}
