package io.edgegw.smpp.guard;

import io.netty.buffer.ByteBuf;
import io.netty.channel.MessageSizeEstimator;

/**
 * Counts our {@code byte[]} PDUs at their real size (Netty's default estimator counts them as 8 bytes), so writes
 * handed over from other threads, still queued for the event loop, already count toward the water mark.
 */
public final class PduSizeEstimator implements MessageSizeEstimator {
    public static final PduSizeEstimator INSTANCE = new PduSizeEstimator();

    private static final Handle HANDLE = msg -> {
        if (msg instanceof byte[] pdu) {
            return pdu.length;
        }
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        return 8;
    };

    private PduSizeEstimator() {
    }

    @Override
    public Handle newHandle() {
        return HANDLE;
    }
}
