package io.edgegw.simulator.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream into PDUs by their command_length (SMPP 3.4 3.2: the first four octets, the whole PDU's
 * length, header included). Each PDU goes on as a retained slice of the read buffer, nothing copied. A command_length
 * under the 16-octet header or over {@code maxPduBytes} leaves no way to find the next PDU: it emits one
 * {@link Pdu.BadFrame}, so the session can answer generic_nack ESME_RINVCMDLEN and close, and drops every byte after.
 * The header is judged only once its 16 octets are in, so the answer names the sender's command_id and
 * sequence_number whatever TCP did to the bytes.
 */
public final class SmppFraming extends ByteToMessageDecoder {
    public static final int HEADER_OCTETS = 16;
    /** Room for a submit_sm carrying a message_payload TLV of 64 KB, the most a TLV length can say. */
    public static final int DEFAULT_MAX_PDU_BYTES = 70_000;

    private final int maxPduBytes;
    private boolean broken;

    public SmppFraming(int maxPduBytes) {
        if (maxPduBytes < HEADER_OCTETS) {
            throw new IllegalArgumentException("maxPduBytes under the 16-octet header: " + maxPduBytes);
        }
        this.maxPduBytes = maxPduBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= HEADER_OCTETS) {
            int at = in.readerIndex();
            long commandLength = in.getUnsignedInt(at);
            if (commandLength < HEADER_OCTETS || commandLength > maxPduBytes) {
                broken = true;
                out.add(new Pdu.BadFrame(commandLength, in.getInt(at + 4), in.getInt(at + 12)));
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() < commandLength) {
                return; // the rest is still on its way
            }
            out.add(in.readRetainedSlice((int) commandLength));
        }
    }
}
