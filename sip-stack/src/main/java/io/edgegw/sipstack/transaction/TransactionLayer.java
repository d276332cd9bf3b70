package io.edgegw.sipstack.transaction;

import gov.nist.javax.sip.SIPConstants;
import io.edgegw.sipstack.message.SipIds;
import io.netty.buffer.ByteBuf;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.Optional;

/**
 * The transaction layer: takes received messages from the transport (on its event loop), hands each to the worker
 * of its Call-ID, matches it to a transaction (RFC 3261 17.1.3, 17.2.3) and tells the TU what it must see.
 * Requests without the RFC 3261 branch cookie are refused with 400: RFC 2543 matching compares half the headers of
 * every request, and every element since 2002 sends the cookie (ACKs without it still go up, they need no state).
 *
 * @param <M> the message model's type
 */
public final class TransactionLayer<M> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TransactionLayer.class.getName());

    final TransactionConfig config;
    final MessageCodec<M> codec;
    final TransactionUser<M> tu;
    final TimerWheel timers;
    private final Workers workers;
    private final TransactionTable<M>[] tables;

    public TransactionLayer(TransactionConfig config, MessageCodec<M> codec, TransactionUser<M> tu) {
        this(config, codec, tu, new Workers(config.workers(), config.overloadDelay() * 1_000_000,
                config.overloadSustain() * 1_000_000, System::nanoTime));
    }

    /**
     * On given workers (e.g. {@link Workers#onEventLoops the transports' event loops}, which take their overload bound
     * from the same config); config.workers() unused.
     */
    @SuppressWarnings("unchecked")
    public TransactionLayer(TransactionConfig config, MessageCodec<M> codec, TransactionUser<M> tu, Workers workers) {
        this.config = config;
        this.codec = codec;
        this.tu = tu;
        this.workers = workers;
        this.timers = new TimerWheel(config.tick());
        // The caps are split evenly: Call-ID hashes spread calls evenly, and no counter is shared between workers.
        int n = workers.size();
        tables = new TransactionTable[n];
        for (int i = 0; i < n; i++) {
            tables[i] = new TransactionTable<>(ceilDiv(config.maxServer(), n), ceilDiv(config.maxClient(), n));
        }
    }

    /** A whole message from the transport: parsed here, processed on its Call-ID's worker. */
    public void receive(ByteBuf bytes, Hop source) {
        M message;
        try {
            message = codec.decode(bytes);
        } catch (Exception e) {
            M answer = codec.badRequest(e);
            if (answer != null) {
                source.send(codec.encode(answer)); // RFC 3261 16.3 step 1: a 400 when the request can be answered
            }
            tu.onUnparsable(e, source);
            return;
        }
        receive(message, source);
    }

    /** A parsed message; runs inline when the caller already is the right worker. */
    public void receive(M message, Hop source) {
        Worker w = workerFor(message);
        if (w.inWorker()) {
            w.startedInline(); // work too, that waited in the socket rather than the queue
            dispatch(message, source, w);
        } else {
            w.execute(() -> dispatch(message, source, w));
        }
    }


    /** The worker owning {@code message}'s Call-ID: the TU runs there what touches that call. */
    public Worker workerFor(M message) {
        return workers.forHash(codec.callIdHash(message));
    }

    public MessageCodec<M> codec() {
        return codec;
    }

    public Workers workers() {
        return workers;
    }

    public TimerWheel timers() {
        return timers;
    }

    /**
     * Starts a client transaction for {@code request} (its top Via carrying a fresh branch, {@link SipIds#branch()})
     * toward {@code destination}. Call on the request's worker. Empty when the client table is full.
     */
    public Optional<ClientTransaction<M>> send(M request, Hop destination) {
        Worker w = workerFor(request);
        if (!w.inWorker()) {
            throw new IllegalStateException("client transactions start on their Call-ID's worker " + w.index());
        }
        return Optional.ofNullable(start(request, destination, w, null));
    }

    /** Answers {@code request} with no transaction (overload, a full table, a request we refuse). */
    public void respondStatelessly(M request, int status, Hop hop) {
        hop.send(codec.encode(codec.response(request, status, status == Response.TRYING ? null : SipIds.tag())));
    }

    /** Server transactions held over all workers (a gauge; may lag by a message). */
    public int serverTransactions() {
        int n = 0;
        for (TransactionTable<M> t : tables) {
            n += t.serverCount();
        }
        return n;
    }

    public int clientTransactions() {
        int n = 0;
        for (TransactionTable<M> t : tables) {
            n += t.clientCount();
        }
        return n;
    }

    @Override
    public void close() {
        timers.close();
        workers.close();
    }

    void startCancel(ClientTransaction<M> invite, M cancel) {
        start(cancel, invite.hop, invite.worker, invite);
    }

    void removed(Transaction<M> tx) {
        tables[tx.worker.index()].remove(tx);
    }

    private ClientTransaction<M> start(M request, Hop hop, Worker w, ClientTransaction<M> cancelled) {
        TransactionTable<M> table = tables[w.index()];
        if (table.clientsFull()) {
            return null;
        }
        String method = codec.method(request);
        TransactionKey key = TransactionKey.client(codec.branch(request), method);
        ByteBuf encoded = codec.encode(request);
        ClientTransaction<M> tx = Request.INVITE.equals(method)
                ? new InviteClientTransaction<>(this, w, key, request, hop, encoded)
                : new NonInviteClientTransaction<>(this, w, key, request, hop, encoded, cancelled);
        if (!table.add(tx)) {
            encoded.release();
            throw new IllegalArgumentException("a client transaction with branch " + key.branch() + " exists");
        }
        tx.start();
        return tx;
    }

    private void dispatch(M message, Hop source, Worker w) {
        if (codec.isRequest(message)) {
            onRequest(message, source, w, tables[w.index()]);
        } else {
            onResponse(message, source, tables[w.index()]);
        }
    }

    private void onRequest(M request, Hop source, Worker w, TransactionTable<M> table) {
        String method = codec.method(request);
        String branch = codec.branch(request);
        boolean ack = Request.ACK.equals(method);
        if (branch == null || !branch.startsWith(SIPConstants.BRANCH_MAGIC_COOKIE)) {
            if (ack) {
                tu.onAck(request, source);
            } else {
                respondStatelessly(request, Response.BAD_REQUEST, source);
            }
            return;
        }
        TransactionKey key = TransactionKey.server(branch, codec.sentBy(request), method);
        ServerTransaction<M> tx = table.server(key);
        if (ack) {
            if (!(tx instanceof InviteServerTransaction<M> invite && invite.onAck())) {
                tu.onAck(request, source);
            }
            return;
        }
        if (tx != null) {
            tx.onRetransmission();
            return;
        }
        boolean invite = Request.INVITE.equals(method);
        boolean cancel = Request.CANCEL.equals(method);
        Object screened = tu.screen(request, source);
        if (screened == null) {
            return; // answered or dropped by the TU, statelessly
        }
        if (table.serversFull(invite) || (invite && w.overloaded())) {
            respondStatelessly(request, Response.SERVICE_UNAVAILABLE, source);
            return;
        }
        ServerTransaction<M> created = invite
                ? new InviteServerTransaction<>(this, w, key, request, source)
                : new NonInviteServerTransaction<>(this, w, key, request, source);
        table.add(created);
        created.appData(screened);
        if (cancel) {
            onCancel(created, table.server(key.cancelled()));
        } else {
            tu.onRequest(created);
        }
    }

    /** RFC 3261 9.2: 200 when the INVITE exists (the TU hears of it while no final went out), else 481. */
    private void onCancel(ServerTransaction<M> cancel, ServerTransaction<M> invite) {
        if (invite == null) {
            cancel.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        cancel.respond(Response.OK);
        if (invite.state() == TransactionState.PROCEEDING) {
            tu.onCancel(invite, cancel.request());
        }
    }

    private void onResponse(M response, Hop source, TransactionTable<M> table) {
        String branch = codec.branch(response);
        ClientTransaction<M> tx = branch == null ? null
                : table.client(TransactionKey.client(branch, codec.method(response)));
        if (tx == null) {
            tu.onStrayResponse(response, source);
        } else {
            tx.onResponse(response, codec.status(response));
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
