package io.edgegw.sipstack.transport;

/** A user event asking {@link ConnectionFaults} to count, log and close the connection. */
record Fault(CloseReason reason, String detail) {
}
