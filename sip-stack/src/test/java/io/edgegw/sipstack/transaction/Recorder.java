package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipResponse;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** A TU that records what the layer told it; onRequest runs a test's answer on the worker. */
final class Recorder implements TransactionUser<SipMessage> {
    final ConcurrentLinkedQueue<ServerTransaction<SipMessage>> requests = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<ServerTransaction<SipMessage>> cancelled = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SipMessage> acks = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SipResponse> responses = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<ClientTransaction<SipMessage>> timeouts = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SipMessage> strays = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<ServerTransaction<SipMessage>> ackTimeouts = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Transaction<SipMessage>> terminated = new ConcurrentLinkedQueue<>();
    volatile Consumer<ServerTransaction<SipMessage>> answer = tx -> { };

    @Override
    public void onRequest(ServerTransaction<SipMessage> tx) {
        requests.add(tx);
        answer.accept(tx);
    }

    @Override
    public void onCancel(ServerTransaction<SipMessage> invite, SipMessage cancel) {
        cancelled.add(invite);
    }

    @Override
    public void onAck(SipMessage ack, Hop source) {
        acks.add(ack);
    }

    @Override
    public void onResponse(ClientTransaction<SipMessage> tx, SipMessage response) {
        responses.add((SipResponse) response);
    }

    @Override
    public void onTimeout(ClientTransaction<SipMessage> tx) {
        timeouts.add(tx);
    }

    @Override
    public void onStrayResponse(SipMessage response, Hop source) {
        strays.add(response);
    }

    @Override
    public void onAckTimeout(ServerTransaction<SipMessage> tx) {
        ackTimeouts.add(tx);
    }

    @Override
    public void onTerminated(Transaction<SipMessage> tx) {
        terminated.add(tx);
    }

    List<Integer> statuses() {
        return responses.stream().map(SipResponse::statusCode).toList();
    }
}
