package io.edgegw.sipstack.transport;

/** Whether the TLS listener asks its clients for a certificate, and whether it refuses those without one. */
public enum ClientAuth {
    NONE, OPTIONAL, REQUIRE
}
