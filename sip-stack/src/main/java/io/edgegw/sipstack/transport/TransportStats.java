package io.edgegw.sipstack.transport;

import java.util.Map;

/**
 * A snapshot of the transports' counters, for the proxy to export (Micrometer) and for tests.
 *
 * @param droppedNotWritable messages not sent because the UDP socket or the peer's connection was backed up
 * @param droppedOversize UDP datagrams over maxMessageBytes (a stream closes instead, counted in {@code closed})
 * @param droppedNoConnection messages toward a peer with no open connection and none allowed (cap, closed flow)
 * @param connectFailures outgoing TCP/TLS connections that could not be opened
 * @param openConnections TCP and TLS connections open now, both directions
 * @param largestPendingBytes the most bytes ever seen queued toward one peer: shows the write bound holding
 * @param closed connections the transport closed itself, by reason
 */
public record TransportStats(long received, long sent, long droppedNotWritable, long droppedOversize,
                             long droppedNoConnection, long connectFailures, long openConnections,
                             long largestPendingBytes, Map<CloseReason, Long> closed) {

    public long closed(CloseReason reason) {
        return closed.getOrDefault(reason, 0L);
    }
}
