package io.edgegw.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.util.DefaultDecomposer;

import java.util.List;

/**
 * The tests' SMPP peer codec: Netty's generic length-field framing and jSMPP's decomposer, nothing of the simulator's
 * own wire code, so a test ESME checks the simulator against an independent implementation. Writes jSMPP-composed
 * {@code byte[]} PDUs as they are.
 */
public final class JsmppCodec {
    private JsmppCodec() {
    }

    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, -4, 0));
        pipeline.addLast(new MessageToMessageDecoder<ByteBuf>() {
            private final DefaultDecomposer decomposer = new DefaultDecomposer();

            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws Exception {
                byte[] pdu = ByteBufUtil.getBytes(frame);
                int commandId = frame.getInt(frame.readerIndex() + 4);
                Command decoded = switch (commandId) {
                    case SMPPConstant.CID_BIND_TRANSMITTER_RESP, SMPPConstant.CID_BIND_RECEIVER_RESP,
                            SMPPConstant.CID_BIND_TRANSCEIVER_RESP -> decomposer.bindResp(pdu);
                    case SMPPConstant.CID_SUBMIT_SM_RESP -> decomposer.submitSmResp(pdu);
                    case SMPPConstant.CID_DELIVER_SM -> decomposer.deliverSm(pdu);
                    case SMPPConstant.CID_ENQUIRE_LINK -> decomposer.enquireLink(pdu);
                    case SMPPConstant.CID_ENQUIRE_LINK_RESP -> decomposer.enquireLinkResp(pdu);
                    case SMPPConstant.CID_UNBIND -> decomposer.unbind(pdu);
                    case SMPPConstant.CID_UNBIND_RESP -> decomposer.unbindResp(pdu);
                    case SMPPConstant.CID_GENERIC_NACK -> decomposer.genericNack(pdu);
                    default -> decomposer.header(pdu);
                };
                out.add(decoded);
            }
        });
        pipeline.addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ctx.write(msg instanceof byte[] pdu ? Unpooled.wrappedBuffer(pdu) : msg, promise);
            }
        });
    }
}
