package io.edgegw.smpp.codec;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.edgegw.smpp.pdu.DecodeOutcome;
import io.edgegw.smpp.pdu.MessageContent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.MessageRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Coverage-guided fuzzing of the SMPP decoders (Jazzer). Any bytes a peer can send go through {@link SmppFrameDecoder}
 * and {@link PduDecoder} exactly as in a session pipeline, and what comes out is checked against a model of SMPP
 * framing written independently here:
 * <ul>
 *   <li>each frame the model cuts is one output, in order: a jSMPP {@link Command} or an {@link UndecodablePdu}
 *       carrying that frame's own command_length, command_id and sequence_number (so nothing was read past it);</li>
 *   <li>a command_length outside [16, max] gives exactly one {@link InvalidFrame}, last, naming that header;</li>
 *   <li>the same bytes give the same outputs whether they arrive at once or one byte at a time;</li>
 *   <li>no exception reaches the pipeline, every buffer is released, and decoding logs nothing at WARN or above
 *       (a per-PDU warning is a hostile peer's way of filling the disk);</li>
 *   <li>what the sessions do next with a decoded submit_sm, deliver_sm or data_sm ({@link MessageContent}) does not
 *       throw;</li>
 *   <li>a frame of the message path (submit_sm, deliver_sm, their answers, enquire_link and its answer), which
 *       {@code PduReader} reads, comes out as jSMPP's decoder makes it: the same bean field for field, or refused with
 *       the same command_status.</li>
 * </ul>
 * Without {@code JAZZER_FUZZ} it replays the inputs under {@code SmppDecoderFuzzTestInputs/} (every crash found is
 * kept there); with {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}.
 */
class SmppDecoderFuzzTest {
    /** Small, so the fuzzer reaches "too large" with short inputs; the production default is 64 KiB. */
    private static final int MAX_PDU_BYTES = 512;

    private static final ListAppender<ILoggingEvent> JSMPP_LOG = new ListAppender<>();

    @BeforeAll
    static void watchJsmppLog() {
        JSMPP_LOG.start();
        ((Logger) LoggerFactory.getLogger("org.jsmpp")).addAppender(JSMPP_LOG);
    }

    @AfterAll
    static void stopWatching() {
        ((Logger) LoggerFactory.getLogger("org.jsmpp")).detachAppender(JSMPP_LOG);
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytesDecodeToPdusOrProtocolErrorsWithinTheirFrames(byte[] input) {
        JSMPP_LOG.list.clear();
        List<Expected> model = frames(input);

        List<Object> whole = decode(input, input.length);
        check(model, whole, input);
        List<Object> byteByByte = decode(input, 1);
        assertEquals(describe(whole), describe(byteByByte), "same bytes, other segmentation");

        List<String> warnings = JSMPP_LOG.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(warnings.isEmpty(), "decoding logged " + warnings);
    }

    /** What SMPP framing says {@code input} holds: whole frames, then maybe one bad header, then a partial rest. */
    private static List<Expected> frames(byte[] input) {
        List<Expected> out = new ArrayList<>();
        int at = 0;
        while (input.length - at >= SmppFrameDecoder.HEADER_LENGTH) {
            long length = Integer.toUnsignedLong(intAt(input, at));
            int id = intAt(input, at + 4);
            int sequence = intAt(input, at + 12);
            if (length < SmppFrameDecoder.HEADER_LENGTH || length > MAX_PDU_BYTES) {
                out.add(new Expected(length, id, sequence, true, null));
                return out;
            }
            if (input.length - at < length) {
                return out;
            }
            out.add(new Expected(length, id, sequence, false, Arrays.copyOfRange(input, at, at + (int) length)));
            at += (int) length;
        }
        return out;
    }

    private record Expected(long length, int commandId, int sequence, boolean invalid, byte[] frame) {
    }

    private static void check(List<Expected> model, List<Object> outputs, byte[] input) {
        assertEquals(model.size(), outputs.size(), "outputs for " + model);
        for (int i = 0; i < model.size(); i++) {
            Expected e = model.get(i);
            Object o = outputs.get(i);
            if (e.invalid()) {
                assertEquals(new InvalidFrame(e.length(), e.commandId(), e.sequence()), o);
            } else if (o instanceof Command c) {
                assertEquals(e.length(), c.getCommandLength(), "command_length of " + c);
                assertEquals(e.commandId(), c.getCommandId(), "command_id of " + c);
                assertEquals(e.sequence(), c.getSequenceNumber(), "sequence_number of " + c);
                whatSessionsDoNext(c);
                if (DecodeOutcome.isHot(e.commandId())) {
                    assertEquals(DecodeOutcome.jsmpp(e.frame()), DecodeOutcome.of(c), "as jSMPP decodes it");
                }
            } else if (o instanceof UndecodablePdu u) {
                assertEquals(e.commandId(), u.commandId());
                assertEquals(e.sequence(), u.sequenceNumber());
                assertTrue(u.commandStatus() != 0, "an undecodable PDU is answered with an error status");
                if (DecodeOutcome.isHot(e.commandId())) {
                    assertEquals(DecodeOutcome.jsmpp(e.frame()), DecodeOutcome.refused(u.commandStatus()),
                            "refused as jSMPP refuses it");
                }
            } else {
                fail("frame " + i + " came out as " + o);
            }
        }
    }

    private static void whatSessionsDoNext(Command c) {
        if (c instanceof DataSm data) {
            MessageContent.Result r = MessageContent.fromDataSm(data);
            if (r.isOk()) {
                MessageContent.carrierDelivery(data, r.message());
            }
        } else if (c instanceof MessageRequest request && c instanceof AbstractSmCommand sm) {
            MessageContent.Result r = MessageContent.fromRequest(request);
            if (r.isOk() && c instanceof DeliverSm) {
                MessageContent.carrierDelivery(sm, r.message());
            }
        }
    }

    /** Runs {@code input} through framing and decoding in chunks of {@code chunk} bytes; checks every buffer is freed. */
    private static List<Object> decode(byte[] input, int chunk) {
        EmbeddedChannel channel = new EmbeddedChannel();
        SmppCodec.install(channel.pipeline(), MAX_PDU_BYTES);
        List<ByteBuf> sent = new ArrayList<>();
        for (int at = 0; at < input.length; at += chunk) {
            ByteBuf part = Unpooled.copiedBuffer(input, at, Math.min(chunk, input.length - at));
            sent.add(part);
            channel.writeInbound(part); // rethrows whatever reached the end of the pipeline
        }
        channel.finish();
        List<Object> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add(o);
        }
        for (ByteBuf b : sent) {
            assertEquals(0, b.refCnt(), "a buffer the decoders did not release");
        }
        return out;
    }

    /**
     * Comparable across runs: the class and header of each output (jSMPP beans have no equals), and an undecodable
     * PDU's answer but not its reason: a JIT-compiled throw may drop an exception's message (a finding of the first
     * fuzzing run, kept as crash-7644868e...).
     */
    private static List<String> describe(List<Object> outputs) {
        return outputs.stream().map(o -> {
            if (o instanceof Command c) {
                return c.getClass().getSimpleName() + "/" + c.getCommandLength() + "/" + c.getCommandId() + "/"
                        + c.getCommandStatus() + "/" + c.getSequenceNumber();
            }
            if (o instanceof UndecodablePdu u) {
                return "UndecodablePdu/" + u.commandId() + "/" + u.sequenceNumber() + "/" + u.commandStatus();
            }
            return String.valueOf(o);
        }).toList();
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
