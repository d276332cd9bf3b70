package io.edgegw.smpp.codec;

/** A command_length outside [16, maxPduBytes]: the stream is unusable from here on. */
public record InvalidFrame(long commandLength, int commandId, int sequenceNumber) {
}
