/**
 * Moves whole SIP messages as bytes over UDP, TCP and TLS; parses nothing but a stream's Content-Length.
 * {@link io.edgegw.sipstack.transport.SipTransports#start} binds what {@link io.edgegw.sipstack.transport.TransportConfig}
 * asks for and hands each message to a {@link io.edgegw.sipstack.transport.SipReceiver} on the event loop, with its
 * {@link io.edgegw.sipstack.transport.Flow} so responses return the way the request came (RFC 3261 18.2.2);
 * {@code send} may be called from any thread, queues without blocking and flushes once per batch. Every table,
 * buffer and wait is bounded; what the transport closes or drops is counted in
 * {@link io.edgegw.sipstack.transport.TransportStats}.
 */
package io.edgegw.sipstack.transport;
