package io.edgegw.sipstack.transaction;

import io.netty.buffer.ByteBuf;

/**
 * What the transaction layer needs of the message model, and nothing more: a handful of header facts, encoding,
 * and the few messages the layer writes itself. The seam keeps the layer independent of how messages are parsed;
 * an adapter over {@code io.edgegw.sipstack.message} implements it.
 *
 * @param <M> the message model's type for a parsed request or response
 */
public interface MessageCodec<M> {
    /** Parses a whole received message; the codec owns {@code bytes} from here. Throws when it is not SIP. */
    M decode(ByteBuf bytes) throws Exception;

    /** The message written out, a fresh buffer the caller owns. */
    ByteBuf encode(M message);

    boolean isRequest(M message);

    /** A request's method; a response's CSeq method. */
    String method(M message);

    /** A response's status code. */
    int status(M response);

    /** The branch parameter of the top Via, or null. */
    String branch(M message);

    /** The top Via's sent-by, host[:port] as written (compared as given, RFC 3261 17.2.3). */
    String sentBy(M message);

    /** The Call-ID's hash, stable for one Call-ID: it picks the worker. */
    int callIdHash(M message);

    /** A response to {@code request} with this status (Via, From, To, Call-ID, CSeq copied), toTag added to To. */
    M response(M request, int status, String toTag);

    /** The ACK for a non-2xx final answer to {@code invite} (RFC 3261 17.1.1.3). */
    M ack(M invite, M response);

    /** The 400 answering a request {@link #decode} refused, or null when it cannot be answered. */
    default M badRequest(Exception parseFailure) {
        return null;
    }

    /** The CANCEL of {@code invite} (RFC 3261 9.1). */
    M cancel(M invite);
}
