package io.edgegw.sipstack.transport;

/** What {@link StreamFramer} emits for an RFC 5626 double-CRLF ping, for {@link KeepAliveResponder} to answer. */
enum KeepAlive {
    PING
}
