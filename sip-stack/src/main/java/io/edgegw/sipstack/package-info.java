/**
 * SIP on Netty, protocol-level only (no gateway code): {@code message} parses lazily and forwards untouched headers as
 * bytes, {@code transport} moves messages over UDP, TCP and TLS, {@code transaction} holds RFC 3261 transactions on
 * per-Call-ID workers. The gateway's proxy (sip-connector) and the carrier simulator both build on it.
 */
package io.edgegw.sipstack;
