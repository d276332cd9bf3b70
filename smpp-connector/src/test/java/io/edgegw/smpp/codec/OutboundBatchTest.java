package io.edgegw.smpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a foreign thread writes to a connection leaves in one buffer, in order, at its flush. */
class OutboundBatchTest {
    @Test
    void aBatchGoesOutWholeAndInOrderAtItsFlush() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundBatch batch = new OutboundBatch(channel);
        assertFalse(batch.add(new byte[] {1, 2}));
        batch.buffer().writeByte(3);
        assertFalse(batch.written());
        assertNull(channel.readOutbound(), "nothing before the flush");
        batch.flush();
        ByteBuf out = channel.readOutbound();
        assertArrayEquals(new byte[] {1, 2, 3}, ByteBufUtil.getBytes(out));
        out.release();
        assertNull(channel.readOutbound(), "one buffer for the batch");
        batch.flush();
        assertNull(channel.readOutbound(), "an empty batch writes nothing");
        channel.finishAndReleaseAll();
    }

    @Test
    void aBatchPastItsBoundIsHandedOverWithoutWaitingForTheFlush() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundBatch batch = new OutboundBatch(channel);
        byte[] pdu = new byte[1000];
        int added = 0;
        while (!batch.add(pdu)) {
            added++;
        }
        assertEquals(OutboundBatch.HAND_OVER_BYTES / 1000, added);
        ByteBuf out = channel.readOutbound();
        assertTrue(out.readableBytes() >= OutboundBatch.HAND_OVER_BYTES);
        out.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aBatchForAClosedConnectionIsReleased() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundBatch batch = new OutboundBatch(channel);
        batch.add(new byte[] {1});
        ByteBuf held = batch.buffer();
        channel.close();
        batch.flush();
        assertEquals(0, held.refCnt());
    }
}
