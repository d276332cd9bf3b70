package io.edgegw.smpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SmppFrameDecoderTest {
    /** Found by SmppDecoderFuzzTest: the answer's sequence_number depended on how TCP cut the header. */
    @Test
    void aBadCommandLengthArrivingInPiecesIsReportedWithItsHeadersCommandIdAndSequence() {
        EmbeddedChannel channel = new EmbeddedChannel(new SmppFrameDecoder(4096));
        byte[] header = ByteBuffer.allocate(16).putInt(7).putInt(SMPPConstant.CID_SUBMIT_SM).putInt(0).putInt(42)
                .array();

        channel.writeInbound(Unpooled.wrappedBuffer(header, 0, 4));
        channel.writeInbound(Unpooled.wrappedBuffer(header, 4, 6));
        assertNull(channel.readInbound(), "nothing is judged before the whole header is in");
        channel.writeInbound(Unpooled.wrappedBuffer(header, 10, 6));

        assertEquals(new InvalidFrame(7, SMPPConstant.CID_SUBMIT_SM, 42), channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        assertNull(channel.readInbound(), "nothing after a bad header");
        channel.finishAndReleaseAll();
    }

    @Test
    void wholePdusComeOutOneFrameEachHoweverTheBytesArrive() {
        EmbeddedChannel channel = new EmbeddedChannel(new SmppFrameDecoder(4096));
        byte[] two = ByteBuffer.allocate(36).putInt(16).putInt(SMPPConstant.CID_ENQUIRE_LINK).putInt(0).putInt(1)
                .putInt(20).putInt(SMPPConstant.CID_UNBIND).putInt(0).putInt(2).putInt(0).array();
        for (byte b : two) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        ByteBuf first = channel.readInbound();
        ByteBuf second = channel.readInbound();
        assertEquals(16, first.readableBytes());
        assertEquals(20, second.readableBytes());
        assertEquals(2, second.getInt(12));
        first.release();
        second.release();
        channel.finishAndReleaseAll();
    }
}
