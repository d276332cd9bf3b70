package io.edgegw.sipstack.transport;

/** Why the transport closed a connection itself; each is counted in {@link TransportStats}. */
public enum CloseReason {
    /** A message (or its headers so far) grew past maxMessageBytes. */
    OVERSIZE,
    /** A message on a stream had no Content-Length header, or one that is not a number (RFC 3261 18.3). */
    BAD_CONTENT_LENGTH,
    /** A message was begun and not finished within messageReadTimeout. */
    READ_TIMEOUT,
    /** Nothing was read or written for idleTimeout. */
    IDLE,
    /** Over maxConnections or maxConnectionsPerAddress. */
    CONNECTION_LIMIT,
    /** The peer did not read what we sent: unwritable for longer than unwritableTimeout, or past maxPendingBytes. */
    NOT_READING,
    /** The TLS handshake failed (untrusted or missing certificate, protocol mismatch). */
    TLS_HANDSHAKE,
    /** Any other I/O error on the connection. */
    IO_ERROR
}
