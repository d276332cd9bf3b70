package io.edgegw.smpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The PDUs one foreign thread (the journal, the dispatcher) has for a channel, gathered into one pooled buffer and
 * handed to the event loop once per batch: one task, one wake-up and one buffer for the socket instead of one of each
 * per PDU. A batch bigger than {@link #HAND_OVER_BYTES} is handed over as it grows, so what waits here, unseen by the
 * channel's water mark, stays small. Single writer: only the thread that owns it calls it.
 */
public final class OutboundBatch {
    /** Handed over at this size, without waiting for the end of the batch. */
    public static final int HAND_OVER_BYTES = 16 * 1024;
    private static final int INITIAL_BYTES = 1024;

    private final Channel channel;
    private ByteBuf pending;

    public OutboundBatch(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }

    /** The buffer to write the next PDU at the end of; follow the write with {@link #written()}. */
    public ByteBuf buffer() {
        ByteBuf b = pending;
        if (b == null) {
            b = channel.alloc().directBuffer(INITIAL_BYTES);
            pending = b;
        }
        return b;
    }

    /**
     * A whole PDU was written to {@link #buffer()}.
     *
     * @return true when the batch was handed over (it reached {@link #HAND_OVER_BYTES})
     */
    public boolean written() {
        if (pending.readableBytes() >= HAND_OVER_BYTES) {
            flush();
            return true;
        }
        return false;
    }

    /** Appends a PDU composed elsewhere. @return as {@link #written()} */
    public boolean add(byte[] pdu) {
        buffer().writeBytes(pdu);
        return written();
    }

    /** Hands what was gathered to the channel and flushes it; a closed channel releases it. */
    public void flush() {
        ByteBuf b = pending;
        if (b == null) {
            return;
        }
        pending = null;
        if (b.isReadable()) {
            channel.writeAndFlush(b, channel.voidPromise());
        } else {
            b.release(); // a PDU that failed its checks wrote nothing
        }
    }
}
