package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The framer alone, fed exactly the chunks we choose (a socket may merge them). */
class StreamFramerTest {
    private final List<Object> events = new ArrayList<>();

    private EmbeddedChannel framer(int max) {
        return new EmbeddedChannel(new StreamFramer(max), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
    }

    private static List<String> drain(EmbeddedChannel channel) {
        List<String> out = new ArrayList<>();
        for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
            if (msg instanceof ByteBuf buf) {
                out.add(buf.toString(StandardCharsets.UTF_8));
                buf.release();
            } else {
                out.add(msg.toString());
            }
        }
        return out;
    }

    @Test
    void twoPipelinedMessagesSplitAtEveryByteBoundaryArriveWhole() {
        String first = SipText.withBody(1, "hello body");
        String second = SipText.options(2);
        byte[] stream = SipText.bytes(first + second);
        for (int split = 1; split < stream.length; split++) {
            EmbeddedChannel channel = framer(65536);
            channel.writeInbound(SipText.buf(new String(stream, 0, split, StandardCharsets.UTF_8)));
            channel.writeInbound(SipText.buf(new String(stream, split, stream.length - split,
                    StandardCharsets.UTF_8)));
            assertEquals(List.of(first, second), drain(channel), "split at byte " + split);
            assertTrue(channel.isOpen());
        }
    }

    @Test
    void messagesFedOneByteAtATimeArriveWholeAndKeepAlivesBetweenThemAreSeen() {
        String first = SipText.withBody(1, "x".repeat(300));
        String second = SipText.options(2);
        EmbeddedChannel channel = framer(65536);
        for (byte b : SipText.bytes(first + "\r\n\r\n" + "\r\n" + second)) {
            channel.writeInbound(channel.alloc().buffer(1).writeByte(b));
        }
        assertEquals(List.of(first, "PING", second), drain(channel));
        assertEquals(FrameProgress.NONE, events.get(events.size() - 1), "nothing partial held at the end");
    }

    @Test
    void contentLengthIsReadInAnyCaseAndCompactFormWithSpaces() {
        String body = "v=0\r\n";
        String message = "INVITE sip:a@b SIP/2.0\r\nCONTENT-length  :\t" + body.length() + " \r\n\r\n" + body;
        EmbeddedChannel channel = framer(65536);
        channel.writeInbound(SipText.buf(message + SipText.options(1)));
        assertEquals(List.of(message, SipText.options(1)), drain(channel));
    }

    @Test
    void aMessageWithoutContentLengthIsAFaultAndNothingAfterItIsRead() {
        EmbeddedChannel channel = framer(65536);
        channel.writeInbound(SipText.buf("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n" + SipText.options(1)));
        assertEquals(List.of(), drain(channel));
        assertTrue(events.contains(new Fault(CloseReason.BAD_CONTENT_LENGTH, "no Content-Length header")));
    }

    @Test
    void twoContentLengthsThatDisagreeAreAFault() {
        EmbeddedChannel channel = framer(65536);
        channel.writeInbound(SipText.buf("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\nl: 5\r\n\r\nhello"));
        assertEquals(List.of(), drain(channel));
        assertEquals(CloseReason.BAD_CONTENT_LENGTH, ((Fault) events.get(events.size() - 1)).reason());
    }

    @Test
    void headersThatNeverEndPastTheBoundAreOversize() {
        EmbeddedChannel channel = framer(2048);
        channel.writeInbound(SipText.buf("OPTIONS sip:a@b SIP/2.0\r\nX-Pad: " + "a".repeat(3000)));
        assertEquals(CloseReason.OVERSIZE, ((Fault) events.get(events.size() - 1)).reason());
    }

    @Test
    void aBodyThatWouldPassTheBoundIsOversizeBeforeItArrives() {
        EmbeddedChannel channel = framer(2048);
        channel.writeInbound(SipText.buf("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5000\r\n\r\n"));
        assertEquals(CloseReason.OVERSIZE, ((Fault) events.get(events.size() - 1)).reason());
    }

    @Test
    void aPartialMessageIsReportedAndItsCompletionClearsIt() {
        EmbeddedChannel channel = framer(65536);
        String message = SipText.options(1);
        channel.writeInbound(SipText.buf(message.substring(0, 20)));
        assertEquals(List.of(FrameProgress.PARTIAL), events);
        channel.writeInbound(SipText.buf(message.substring(20)));
        assertEquals(List.of(FrameProgress.PARTIAL, FrameProgress.NONE), events);
        assertEquals(List.of(message), drain(channel));
        channel.writeInbound(SipText.buf("\r\n"));
        assertFalse(events.size() > 2, "a CRLF alone is no message begun");
    }
}
