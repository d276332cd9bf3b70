package io.edgegw.smpp.codec;

import io.netty.channel.ChannelPipeline;

/** Installs framing and the PDU codec at the head of an SMPP pipeline, in the order bytes meet them. */
public final class SmppCodec {
    public static final int DEFAULT_MAX_PDU_BYTES = 65_536;

    private static final PduDecoder DECODER = new PduDecoder();
    private static final PduEncoder ENCODER = new PduEncoder();

    private SmppCodec() {
    }

    public static void install(ChannelPipeline pipeline, int maxPduBytes) {
        pipeline.addLast("framing", new SmppFrameDecoder(maxPduBytes));
        pipeline.addLast("pdu-decoder", DECODER);
        pipeline.addLast("pdu-encoder", ENCODER);
    }
}
