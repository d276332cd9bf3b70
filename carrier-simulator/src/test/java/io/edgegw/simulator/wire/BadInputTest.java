package io.edgegw.simulator.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Truncated, oversized and garbage input through the real pipeline (framing, then decoding): each gets the PDU shape
 * the sessions answer from, and no exception ever leaves the pipeline ({@link EmbeddedChannel#checkException()}).
 */
class BadInputTest {
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    private static final int MAX = 4_096;

    private static EmbeddedChannel pipeline() {
        EmbeddedChannel channel = new EmbeddedChannel();
        SmppWire.install(channel.pipeline(), MAX);
        return channel;
    }

    /** Everything the pipeline put out; fails if an exception reached its end. */
    private static List<Pdu> read(EmbeddedChannel channel, byte[]... chunks) {
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        channel.checkException();
        List<Pdu> out = new ArrayList<>();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            out.add(assertInstanceOf(Pdu.class, msg));
        }
        return out;
    }

    private static byte[] header(long length, int commandId, int status, int sequence, int bodyOctets) {
        ByteBuf out = Unpooled.buffer();
        out.writeInt((int) length).writeInt(commandId).writeInt(status).writeInt(sequence).writeZero(bodyOctets);
        return io.netty.buffer.ByteBufUtil.getBytes(out);
    }

    @Test
    void commandLengthUnderTheHeaderIsABadFrameNamingTheSequenceAndEverythingAfterIsDropped() {
        EmbeddedChannel channel = pipeline();
        List<Pdu> out = read(channel, header(15, SMPPConstant.CID_SUBMIT_SM, 0, 42, 0), COMPOSER.enquireLink(43));
        assertEquals(List.of(new Pdu.BadFrame(15, SMPPConstant.CID_SUBMIT_SM, 42)), out);
        assertEquals(List.of(), read(channel, COMPOSER.enquireLink(44)));
    }

    @Test
    void commandLengthOverTheBoundIsABadFrameBeforeTheBodyIsWaitedFor() {
        List<Pdu> out = read(pipeline(), header(0xFFFFFFF0L, SMPPConstant.CID_BIND_TRANSCEIVER, 0, 9, 0));
        assertEquals(List.of(new Pdu.BadFrame(0xFFFFFFF0L, SMPPConstant.CID_BIND_TRANSCEIVER, 9)), out);
        out = read(pipeline(), header(MAX + 1, SMPPConstant.CID_SUBMIT_SM, 0, 10, 0));
        assertEquals(List.of(new Pdu.BadFrame(MAX + 1, SMPPConstant.CID_SUBMIT_SM, 10)), out);
    }

    @Test
    void aPduCutAnywhereComesOutWholeOnceItsLastOctetArrives() throws Exception {
        byte[] submit = COMPOSER.submitSm(5, "", (byte) 1, (byte) 1, "1000", (byte) 1, (byte) 1, "4470123", (byte) 0,
                (byte) 0, (byte) 0, null, null, (byte) 1, (byte) 0, (byte) 0, (byte) 0, "cut".getBytes());
        byte[] two = new byte[submit.length + 16];
        System.arraycopy(submit, 0, two, 0, submit.length);
        System.arraycopy(COMPOSER.enquireLink(6), 0, two, submit.length, 16);
        for (int cut = 1; cut < two.length; cut++) {
            EmbeddedChannel channel = pipeline();
            byte[] head = java.util.Arrays.copyOfRange(two, 0, cut);
            List<Pdu> first = read(channel, head);
            assertEquals(cut >= submit.length ? 1 : 0, first.size(), "after " + cut + " octets");
            List<Pdu> all = new ArrayList<>(first);
            all.addAll(read(channel, java.util.Arrays.copyOfRange(two, cut, two.length)));
            assertEquals(2, all.size(), "cut at " + cut);
            assertEquals(5, assertInstanceOf(Pdu.SubmitSm.class, all.get(0)).sequenceNumber());
            assertEquals(new Pdu.EnquireLink(6), all.get(1));
        }
    }

    @Test
    void aTruncatedHeaderIsHeldAndNothingComesOut() {
        EmbeddedChannel channel = pipeline();
        assertEquals(List.of(), read(channel, new byte[] {0, 0, 0, 16, 0, 0, 0}));
        assertTrue(channel.isOpen());
        assertNull(channel.readOutbound());
    }

    @Test
    void fieldErrorsComeOutMalformedWithTheStatusThatNamesTheField() throws Exception {
        // system_id of 16 characters: no NUL within its 16 octets.
        byte[] bind = COMPOSER.bind(SMPPConstant.CID_BIND_TRANSMITTER, 1, "x", "pw", "", (byte) 0x34, (byte) 0,
                (byte) 0, null);
        byte[] longId = new byte[bind.length + 14];
        System.arraycopy(bind, 0, longId, 0, 16);
        System.arraycopy("0123456789abcdef".getBytes(), 0, longId, 16, 16);
        System.arraycopy(bind, 18, longId, 32, bind.length - 18);
        java.nio.ByteBuffer.wrap(longId).putInt(0, longId.length);
        assertMalformed(longId, SMPPConstant.STAT_ESME_RINVSYSID);

        byte[] submit = COMPOSER.submitSm(2, "", (byte) 1, (byte) 1, "1000", (byte) 1, (byte) 1, "4470", (byte) 0,
                (byte) 0, (byte) 0, null, null, (byte) 1, (byte) 0, (byte) 0, (byte) 0, new byte[] {'a'});
        byte[] badLength = submit.clone();
        badLength[submit.length - 2] = (byte) 255; // sm_length 255: over the 254 SMPP allows
        assertMalformed(badLength, SMPPConstant.STAT_ESME_RINVMSGLEN);
        byte[] pastEnd = submit.clone();
        pastEnd[submit.length - 2] = 9; // sm_length says 9, one octet follows
        assertMalformed(pastEnd, SMPPConstant.STAT_ESME_RINVCMDLEN);

        byte[] brokenTlv = java.util.Arrays.copyOf(submit, submit.length + 5);
        java.nio.ByteBuffer.wrap(brokenTlv).putInt(0, brokenTlv.length).putShort(submit.length, (short) 0x0424)
                .putShort(submit.length + 2, (short) 40); // a TLV claiming 40 octets, one present
        assertMalformed(brokenTlv, SMPPConstant.STAT_ESME_RINVTLVSTREAM);

        byte[] schedule = COMPOSER.submitSm(3, "", (byte) 1, (byte) 1, "1000", (byte) 1, (byte) 1, "4470", (byte) 0,
                (byte) 0, (byte) 0, null, null, (byte) 1, (byte) 0, (byte) 0, (byte) 0, new byte[0]);
        byte[] withSchedule = new byte[schedule.length + 4];
        int at = 16 + 1 + 2 + 5 + 2 + 5 + 3; // header, service_type .. priority_flag: schedule_delivery_time next
        System.arraycopy(schedule, 0, withSchedule, 0, at);
        System.arraycopy("2301\0".getBytes(), 0, withSchedule, at, 5);
        System.arraycopy(schedule, at + 1, withSchedule, at + 5, schedule.length - at - 1);
        java.nio.ByteBuffer.wrap(withSchedule).putInt(0, withSchedule.length);
        assertMalformed(withSchedule, SMPPConstant.STAT_ESME_RINVSCHED);

        assertMalformed(header(20, SMPPConstant.CID_ENQUIRE_LINK, 0, 4, 4), SMPPConstant.STAT_ESME_RINVCMDLEN);
        assertMalformed(header(16, SMPPConstant.CID_SUBMIT_SM, 0, 4, 0), SMPPConstant.STAT_ESME_RINVCMDLEN);
    }

    private static void assertMalformed(byte[] pdu, int status) {
        Pdu out = read(pipeline(), pdu).get(0);
        Pdu.Malformed bad = assertInstanceOf(Pdu.Malformed.class, out);
        assertEquals(status, bad.error(), bad.reason());
        assertEquals(java.nio.ByteBuffer.wrap(pdu).getInt(12), bad.sequenceNumber());
    }

    @Test
    void commandsNotServedComeOutUnsupportedWithTheirHeader() throws Exception {
        List<Pdu> out = read(pipeline(), header(20, SMPPConstant.CID_QUERY_SM, 0, 70, 4),
                header(16, 0x0000_0099, 0, 71, 0), header(16, 0x8000_0099, 3, 72, 0));
        assertEquals(List.of(new Pdu.Unsupported(SMPPConstant.CID_QUERY_SM, 0, 70), new Pdu.Unsupported(0x99, 0, 71),
                new Pdu.Unsupported(0x8000_0099, 3, 72)), out);
        assertTrue(Pdu.isRequest(SMPPConstant.CID_QUERY_SM));
        assertFalse(Pdu.isRequest(0x8000_0099));
    }

    @Test
    void randomBodiesOfEveryServedCommandNeverThrowAndAlwaysComeOutAsAPdu() {
        int[] served = {SMPPConstant.CID_BIND_TRANSMITTER, SMPPConstant.CID_BIND_RECEIVER,
                SMPPConstant.CID_BIND_TRANSCEIVER, SMPPConstant.CID_BIND_TRANSCEIVER_RESP, SMPPConstant.CID_SUBMIT_SM,
                SMPPConstant.CID_SUBMIT_SM_RESP, SMPPConstant.CID_DELIVER_SM, SMPPConstant.CID_DELIVER_SM_RESP,
                SMPPConstant.CID_ENQUIRE_LINK, SMPPConstant.CID_UNBIND, SMPPConstant.CID_GENERIC_NACK};
        Random random = new Random(16);
        EmbeddedChannel channel = pipeline();
        int pdus = 0;
        for (int i = 0; i < 20_000; i++) {
            int bodyOctets = random.nextInt(300);
            byte[] body = new byte[bodyOctets];
            random.nextBytes(body);
            if (random.nextBoolean()) {
                for (int j = 0; j < body.length; j++) {
                    body[j] = random.nextInt(4) == 0 ? 0 : (byte) ('0' + random.nextInt(10)); // C-strings often end
                }
            }
            ByteBuf pdu = Unpooled.buffer().writeInt(16 + bodyOctets).writeInt(served[random.nextInt(served.length)])
                    .writeInt(0).writeInt(i + 1).writeBytes(body);
            pdus += read(channel, io.netty.buffer.ByteBufUtil.getBytes(pdu)).size();
        }
        assertEquals(20_000, pdus); // one PDU out per PDU in, whatever its body
    }

    @Test
    void randomBytesNeverThrowAndStopAtTheFirstBadFrame() {
        Random random = new Random(61);
        for (int run = 0; run < 200; run++) {
            EmbeddedChannel channel = pipeline();
            byte[] noise = new byte[random.nextInt(2_000)];
            random.nextBytes(noise);
            List<Pdu> out = read(channel, noise);
            long badFrames = out.stream().filter(p -> p instanceof Pdu.BadFrame).count();
            assertTrue(badFrames <= 1, "at most one bad frame, then silence");
            if (badFrames == 1) {
                assertInstanceOf(Pdu.BadFrame.class, out.get(out.size() - 1));
            }
        }
    }
}
