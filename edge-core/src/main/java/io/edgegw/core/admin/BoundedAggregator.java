package io.edgegw.core.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Netty's aggregator with a body cap that always closes after its 413: Netty keeps a keep-alive connection open to
 * skip the rest of the body, which would leave the request clock running on a connection that looks idle.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    private final ClientWarnings warnings;

    BoundedAggregator(int maxBodyBytes, ClientWarnings warnings) {
        super(maxBodyBytes);
        this.warnings = warnings;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        warnings.warn("oversized", ctx.channel(), "request body over " + maxContentLength() + " bytes: answered 413");
        FullHttpResponse tooLarge = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        tooLarge.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(tooLarge).addListener(ChannelFutureListener.CLOSE);
    }
}
