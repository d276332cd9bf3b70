package io.edgegw.smpp.codec;

import io.edgegw.smpp.pdu.Pdus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PDU composed by jSMPP (bind_resp, unbind_resp, generic_nack...) leaves in the same class of buffer as the message
 * path's batches: a second class at the transport's write and release call sites, met only at bind and unbind, sent
 * their compiled code back to the interpreter under load.
 */
class PduEncoderTest {
    /**
     * Netty's leak detector wraps about one allocation in 128 (its default level, SIMPLE) in a leak-aware class, which
     * made this test fail now and then on a sampled buffer (CI, once): it runs with the detector off and restores it.
     */
    @Test
    void aComposedPduLeavesWholeInTheMessagePathsBufferClass() {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            composedPduLeavesInTheMessagePathsBufferClass();
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private static void composedPduLeavesInTheMessagePathsBufferClass() {
        EmbeddedChannel channel = new EmbeddedChannel(new PduEncoder());
        OutboundBatch batch = new OutboundBatch(channel);
        batch.add(new byte[] {1});
        Class<?> messagePath = batch.buffer().getClass();
        batch.flush();
        ((ByteBuf) channel.readOutbound()).release();

        byte[] unbindResp = Pdus.unbindResp(7);
        channel.writeAndFlush(unbindResp);
        ByteBuf out = channel.readOutbound();
        assertArrayEquals(unbindResp, ByteBufUtil.getBytes(out));
        assertTrue(out.isDirect(), "a direct buffer: the transport writes it without copying it first");
        assertEquals(messagePath, out.getClass());
        out.release();
        channel.finishAndReleaseAll();
    }
}
