package io.edgegw.sipstack.transport;

/** The transports SIP runs over here (RFC 3261 18); SCTP and WebSocket are not offered. */
public enum Transport {
    UDP, TCP, TLS;

    /** A stream transport frames messages by Content-Length and keeps connections (RFC 3261 18.3). */
    public boolean isStream() {
        return this != UDP;
    }
}
