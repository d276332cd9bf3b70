package io.edgegw.smpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream into whole SMPP PDUs by their command_length, bounded by {@code maxPduBytes}.
 * A command_length below the 16-octet header or above the bound cannot be resynchronised: it emits one
 * {@link InvalidFrame} (so the session can answer generic_nack ESME_RINVCMDLEN and close) and discards
 * everything after it. A header is judged only once all 16 octets are in, so the answer names the same command_id and
 * sequence_number however TCP happened to cut the bytes.
 */
public final class SmppFrameDecoder extends ByteToMessageDecoder {
    public static final int HEADER_LENGTH = 16;

    private final int maxPduBytes;
    private boolean broken;

    public SmppFrameDecoder(int maxPduBytes) {
        if (maxPduBytes < HEADER_LENGTH) {
            throw new IllegalArgumentException("maxPduBytes must be at least " + HEADER_LENGTH + ": " + maxPduBytes);
        }
        this.maxPduBytes = maxPduBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= HEADER_LENGTH) {
            int start = in.readerIndex();
            long length = in.getUnsignedInt(start);
            if (length < HEADER_LENGTH || length > maxPduBytes) {
                broken = true;
                out.add(new InvalidFrame(length, in.getInt(start + 4), in.getInt(start + 12)));
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            out.add(in.readRetainedSlice((int) length));
        }
    }
}
