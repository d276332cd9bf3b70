/**
 * The simulator's and the load generator's own SMPP 3.4 wire code: framing ({@link io.edgegw.simulator.wire.SmppFraming}),
 * decoding of each frame into a {@link io.edgegw.simulator.wire.Pdu} ({@link io.edgegw.simulator.wire.PduDecoder}),
 * and encoding straight into pooled Netty buffers ({@link io.edgegw.simulator.wire.PduWriter}), flushed once per batch
 * ({@link io.edgegw.simulator.wire.Outbox}).
 *
 * <p>Written from the SMPP 3.4 specification (sections 3.2 and 4, and the field limits of 5.2), independently of the
 * gateway's codec in {@code smpp-connector}, on purpose: the simulator is the peer the gateway is tested against, and a
 * framing or encoding mistake shared by both sides would pass every test. jSMPP supplies only the protocol constants
 * here (command ids, command_status values, TLV tags); the tests check every PDU against jSMPP's own composer and
 * decomposer, a third implementation.
 */
package io.edgegw.simulator.wire;
