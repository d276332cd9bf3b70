package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts a SIP byte stream into whole messages (RFC 3261 18.3): the headers end at the first CRLFCRLF and the
 * Content-Length header (or its compact form {@code l}) gives the body. Between messages a CRLFCRLF is an RFC 5626
 * keep-alive ping (emitted as {@link KeepAlive#PING}) and a lone CRLF (a pong, or RFC 3261 7.5 padding) is skipped.
 * A message past {@code maxMessageBytes}, or without a usable Content-Length, cannot be resynchronised: it fires a
 * {@link Fault} and everything after it is discarded. Fires {@link FrameProgress} when it starts or stops holding
 * part of a message, so a message begun and never finished can be timed out.
 */
final class StreamFramer extends ByteToMessageDecoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxMessageBytes;
    private int headersScanned;   // bytes of the current message already searched for CRLFCRLF
    private int messageLength = -1; // known once the headers are complete
    private boolean partialReported;
    private boolean broken;

    StreamFramer(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        boolean partial = false;
        while (in.isReadable()) {
            if (messageLength < 0 && headersScanned == 0) {
                int keepAlive = keepAlive(in);
                if (keepAlive == WAIT) {
                    break;
                }
                if (keepAlive > 0) {
                    in.skipBytes(keepAlive);
                    if (keepAlive == 4) {
                        out.add(KeepAlive.PING);
                    }
                    continue;
                }
            }
            if (messageLength < 0 && !readHeaders(ctx, in)) {
                partial = !broken;
                break;
            }
            if (in.readableBytes() < messageLength) {
                partial = true;
                break;
            }
            out.add(in.readRetainedSlice(messageLength));
            messageLength = -1;
            headersScanned = 0;
        }
        if (broken) {
            in.skipBytes(in.readableBytes());
        }
        if (partial != partialReported) {
            partialReported = partial;
            ctx.fireUserEventTriggered(partial ? FrameProgress.PARTIAL : FrameProgress.NONE);
        }
    }

    private static final int WAIT = -1;

    /** 4 for a CRLFCRLF ping, 2 for a lone CRLF, WAIT while what is here may still become a ping, 0 for a message. */
    private static int keepAlive(ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        int prefix = 0;
        while (prefix < 4 && prefix < readable && in.getByte(start + prefix) == ((prefix & 1) == 0 ? CR : LF)) {
            prefix++;
        }
        if (prefix == 4) {
            return 4;
        }
        if (prefix == readable) {
            return WAIT; // "\r", "\r\n" or "\r\n\r" so far
        }
        return prefix >= 2 ? 2 : 0;
    }

    /** Finds the end of the headers and the message's length; false when more bytes are needed or it failed. */
    private boolean readHeaders(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int from = start + Math.max(0, headersScanned - 3);
        int headersEnd = -1;
        for (int lf = in.indexOf(from, end, LF); lf >= 0; lf = in.indexOf(lf + 1, end, LF)) {
            if (lf - start >= 3 && in.getByte(lf - 1) == CR && in.getByte(lf - 2) == LF && in.getByte(lf - 3) == CR) {
                headersEnd = lf + 1;
                break;
            }
        }
        if (headersEnd < 0) {
            headersScanned = end - start;
            if (headersScanned > maxMessageBytes) {
                fail(ctx, CloseReason.OVERSIZE, "headers past " + maxMessageBytes + " bytes");
            }
            return false;
        }
        long body = ContentLength.find(in, start, headersEnd);
        if (body < 0) {
            fail(ctx, CloseReason.BAD_CONTENT_LENGTH, body == ContentLength.MISSING
                    ? "no Content-Length header" : "a Content-Length that is not one number");
            return false;
        }
        long length = headersEnd - start + body;
        if (length > maxMessageBytes) {
            fail(ctx, CloseReason.OVERSIZE, "a message of " + length + " bytes, over " + maxMessageBytes);
            return false;
        }
        messageLength = (int) length;
        return true;
    }

    private void fail(ChannelHandlerContext ctx, CloseReason reason, String detail) {
        broken = true;
        ctx.fireUserEventTriggered(new Fault(reason, detail));
    }
}
