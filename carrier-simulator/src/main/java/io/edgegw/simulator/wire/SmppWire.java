package io.edgegw.simulator.wire;

import io.netty.channel.ChannelPipeline;

/** Puts the wire handlers at the head of an SMPP pipeline, in the order bytes meet them: framing, then decoding. */
public final class SmppWire {
    private SmppWire() {
    }

    public static void install(ChannelPipeline pipeline, int maxPduBytes) {
        pipeline.addLast("framing", new SmppFraming(maxPduBytes));
        pipeline.addLast("pdu-decoder", PduDecoder.INSTANCE);
    }
}
