package io.edgegw.smpp.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameter.Tag;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.util.StringParameter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PduReader} makes of any frame of the message path what jSMPP's decoder makes of it: the same bean, field for
 * field and TLV for TLV, or the same command_status refusing it. Frames are read where they lie, in a pooled direct
 * buffer (the event loops' kind) or as a slice of a larger heap buffer with more octets after it, so a read past the
 * frame's end would throw rather than find something.
 */
class PduReaderTest {
    private static final int[] HOT = {SMPPConstant.CID_SUBMIT_SM, SMPPConstant.CID_DELIVER_SM,
            SMPPConstant.CID_SUBMIT_SM_RESP, SMPPConstant.CID_DELIVER_SM_RESP};

    @Test
    void randomValidPdusOfTheMessagePathDecodeAsJsmppDecodesThem() {
        Random random = new Random(16);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
            byte[] frame = new FrameMaker(random, false).frame(HOT[random.nextInt(HOT.length)]);
            DecodeOutcome expected = DecodeOutcome.jsmpp(frame);
            assertTrue(expected.decoded(), () -> "a valid frame jSMPP refuses: " + expected + " " + hex(frame));
            assertSameOutcome(expected, frame, i);
            seen.merge(expected.description().substring(0, expected.description().indexOf(' ')), 1, Integer::sum);
        }
        assertEquals(4, seen.size(), "every kind was tried: " + seen);
    }

    @Test
    void malformedPdusAreRefusedWithJsmppsStatusOrDecodedAsJsmppDecodesThem() {
        Random random = new Random(61);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            byte[] frame = mutate(random, new FrameMaker(random, random.nextInt(4) == 0)
                    .frame(HOT[random.nextInt(HOT.length)]));
            DecodeOutcome expected = DecodeOutcome.jsmpp(frame);
            assertSameOutcome(expected, frame, i);
            outcomes.merge(expected.decoded() ? "decoded" : expected.description(), 1, Integer::sum);
        }
        // each way of refusing was reached, and many malformed frames still decode (jSMPP is lenient in places)
        for (int status : new int[] {SMPPConstant.STAT_ESME_RINVCMDLEN, SMPPConstant.STAT_ESME_RINVSERTYP,
                SMPPConstant.STAT_ESME_RINVSRCADR, SMPPConstant.STAT_ESME_RINVSCHED, SMPPConstant.STAT_ESME_RINVEXPIRY,
                SMPPConstant.STAT_ESME_RINVMSGLEN, SMPPConstant.STAT_ESME_RINVMSGID}) {
            assertTrue(outcomes.getOrDefault(DecodeOutcome.refused(status).description(), 0) > 20,
                    "refused with 0x" + Integer.toHexString(status) + " too rarely: " + outcomes);
        }
        assertTrue(outcomes.getOrDefault("decoded", 0) > 5_000, outcomes.toString());
    }

    @Test
    void theFuzzCorpusDecodesAsJsmppDecodesIt() throws Exception {
        int frames = 0;
        for (byte[] input : corpus()) {
            int at = 0;
            while (input.length - at >= 16) {
                long length = Integer.toUnsignedLong(DecodeOutcome.intAt(input, at));
                if (length < 16 || length > input.length - at) {
                    break;
                }
                byte[] frame = java.util.Arrays.copyOfRange(input, at, at + (int) length);
                if (DecodeOutcome.isHot(DecodeOutcome.intAt(frame, 4))) {
                    assertSameOutcome(DecodeOutcome.jsmpp(frame), frame, frames++);
                }
                at += (int) length;
            }
        }
        assertTrue(frames > 50, "the corpus holds PDUs of the message path: " + frames);
    }

    @Test
    void enquireLinkAndItsAnswerAreTheirHeaders() {
        for (int id : new int[] {SMPPConstant.CID_ENQUIRE_LINK, SMPPConstant.CID_ENQUIRE_LINK_RESP}) {
            byte[] frame = Unpooled.buffer().writeInt(20).writeInt(id).writeInt(0).writeInt(42).writeInt(-1).array();
            frame = java.util.Arrays.copyOf(frame, 20);
            assertSameOutcome(DecodeOutcome.jsmpp(frame), frame, id);
        }
    }

    @Test
    void everyTagJsmppKnowsBecomesTheTlvClassJsmppMakes() {
        Random random = new Random(5);
        for (Tag tag : Tag.values()) {
            byte[] value = new byte[8];
            random.nextBytes(value);
            value[7] = 0;
            assertSame(Tlvs.tag(tag.code()), tag);
            OptionalParameter expected = OptionalParameters.deserialize(tag.code(), value);
            OptionalParameter ours = Tlvs.deserialize(tag.code(), value);
            assertEquals(expected.getClass(), ours.getClass(), tag.name());
            assertEquals(hex(expected.serialize()), hex(ours.serialize()), tag.name());
        }
        for (int code : new int[] {0, 1, 0x1400, 0x1503, 0x7FFF, -1, Short.MIN_VALUE}) {
            assertEquals(OptionalParameter.OctetString.class, Tlvs.deserialize((short) code, new byte[1]).getClass());
        }
    }

    @Test
    void aStringFieldFarPastItsLimitIsRefusedBeforeItIsDecoded() {
        ByteBuf frame = Unpooled.buffer().writeInt(0).writeInt(SMPPConstant.CID_SUBMIT_SM).writeInt(0).writeInt(1);
        frame.writeBytes(new byte[] {'a'}, 0, 1).writeBytes("b".repeat(4 * 6 - 1).getBytes()).writeByte(0);
        frame.setInt(0, frame.readableBytes());
        byte[] octets = java.util.Arrays.copyOf(frame.array(), frame.readableBytes());
        DecodeOutcome refused = DecodeOutcome.refused(StringParameter.SERVICE_TYPE.getErrCode());
        assertEquals(refused, DecodeOutcome.jsmpp(octets));
        assertEquals(refused, DecodeOutcome.reader(frame));
    }

    private static void assertSameOutcome(DecodeOutcome expected, byte[] frame, int index) {
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(frame.length);
        try {
            direct.writeBytes(frame);
            assertEquals(expected, DecodeOutcome.reader(direct), () -> "frame " + index + ": " + hex(frame));
        } finally {
            direct.release();
        }
        // the frame in the middle of a larger buffer whose next octets would complete any field read past its end
        ByteBuf larger = Unpooled.buffer(frame.length + 600).writeZero(3).writeBytes(frame).writeZero(597);
        ByteBuf slice = larger.slice(3, frame.length);
        assertEquals(expected, DecodeOutcome.reader(slice), () -> "frame " + index + " in a slice: " + hex(frame));
    }

    /** A valid frame's octets changed as a broken or hostile peer would: cut, extended, overwritten, a NUL removed. */
    private static byte[] mutate(Random random, byte[] valid) {
        ByteBuf b = Unpooled.buffer().writeBytes(valid);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int body = b.writerIndex() - 16;
            switch (random.nextInt(7)) {
                case 0 -> b.writerIndex(16 + random.nextInt(body + 1)); // cut
                case 1 -> b.writeBytes(randomOctets(random, 1 + random.nextInt(6))); // trailing octets
                case 2 -> { // an octet overwritten
                    if (body > 0) {
                        b.setByte(16 + random.nextInt(body), random.nextInt(3) == 0 ? 0 : random.nextInt(256));
                    }
                }
                case 3 -> { // a terminator removed
                    for (int at = 16 + (body > 0 ? random.nextInt(body) : 0); at < b.writerIndex(); at++) {
                        if (b.getByte(at) == 0) {
                            b.setByte(at, 'Z');
                            break;
                        }
                    }
                }
                case 4 -> { // a TLV or sm_length claiming more than is there
                    if (body > 2) {
                        b.setShort(16 + random.nextInt(body - 1), random.nextInt(65536));
                    }
                }
                case 5 -> { // octets inserted in the middle
                    int at = 16 + (body > 0 ? random.nextInt(body) : 0);
                    byte[] rest = new byte[b.writerIndex() - at];
                    b.getBytes(at, rest);
                    b.writerIndex(at).writeBytes(randomOctets(random, 1 + random.nextInt(4))).writeBytes(rest);
                }
                default -> b.setInt(8, random.nextInt()); // command_status: jSMPP reads a body whatever it says
            }
        }
        b.setInt(0, b.writerIndex()); // framing has already matched command_length to the frame
        byte[] out = new byte[b.writerIndex()];
        b.getBytes(0, out);
        return out;
    }

    private static byte[] randomOctets(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The fuzz tests' corpus: every input a peer sent them, kept in the test resources. */
    private static List<byte[]> corpus() throws IOException, URISyntaxException {
        List<byte[]> inputs = new ArrayList<>();
        for (String dir : new String[] {"/io/edgegw/smpp/codec/SmppDecoderFuzzTestInputs",
                "/io/edgegw/smpp/tenant/TenantSessionFuzzTestInputs"}) {
            URL url = PduReaderTest.class.getResource(dir);
            assertNotNull(url, dir);
            try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    try (InputStream in = Files.newInputStream(p)) {
                        inputs.add(in.readAllBytes());
                    }
                }
            }
        }
        assertTrue(inputs.size() > 100, "corpus of " + inputs.size());
        return inputs;
    }

    static String hex(byte[] b) {
        return io.netty.buffer.ByteBufUtil.hexDump(b);
    }
}
