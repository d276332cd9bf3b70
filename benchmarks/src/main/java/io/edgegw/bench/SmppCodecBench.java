package io.edgegw.bench;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.smpp.codec.InvalidFrame;
import io.edgegw.smpp.codec.SmppCodec;
import io.edgegw.smpp.codec.UndecodablePdu;
import io.edgegw.smpp.pdu.PduReader;
import io.edgegw.smpp.pdu.PduWriter;
import io.edgegw.smpp.pdu.Pdus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The eight PDUs one SMS with a receipt costs the gateway: four it decodes (the tenant's submit_sm and deliver_sm_resp,
 * the carrier's submit_sm_resp and deliver_sm) and four it encodes (submit_sm_resp and deliver_sm to the tenant,
 * submit_sm and deliver_sm_resp to the carrier). Decoding goes through the pipeline head a session has
 * ({@link SmppCodec#install}: framing, then the PDU decoder) in an {@link EmbeddedChannel}, so the figure includes the
 * embedded channel's own dispatch (a few tens of ns); encoding through {@link PduWriter} into a pooled direct buffer,
 * as the sessions and binds write their batches, and once through jSMPP's composer ({@link Pdus}, what they used
 * before) for comparison. The frames decoded are written by jSMPP's own composer, as a peer would send them. The
 * receipt is also read alone, by {@link PduReader} from a pooled direct buffer (as the decoder reads the event
 * loops' frames since hot-decode), and by jSMPP's decoder from a copy of the frame (as the gateway did before).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SmppCodecBench {
    private static final String GATEWAY_ID = "0190a3f2c4d5e6f7";
    private static final String CARRIER_ID = "5f3e2a1b";
    private static final byte[] TEXT = "load message 123456".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] RECEIPT_TEXT = ("id:" + CARRIER_ID + " sub:001 dlvrd:001 submit date:2612070101 "
            + "done date:2612070101 stat:DELIVRD err:000 text:load message 1234").getBytes(StandardCharsets.ISO_8859_1);

    private EmbeddedChannel channel;
    private ByteBuf out;
    private ByteBuf deliverSmFrame;
    private final DefaultDecomposer decomposer = new DefaultDecomposer();
    private byte[] submitSm;
    private byte[] submitSmResp;
    private byte[] deliverSm;
    private byte[] deliverSmResp;
    private ShortMessage message;
    private ShortMessage receipt;
    private int sequence;

    @Setup
    public void setUp() throws PDUStringException {
        channel = new EmbeddedChannel();
        out = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
        SmppCodec.install(channel.pipeline(), SmppCodec.DEFAULT_MAX_PDU_BYTES);
        DefaultComposer peer = new DefaultComposer();
        byte ton = TypeOfNumber.INTERNATIONAL.value();
        byte npi = NumberingPlanIndicator.ISDN.value();
        submitSm = peer.submitSm(7, "", TypeOfNumber.UNKNOWN.value(), NumberingPlanIndicator.UNKNOWN.value(), "1000",
                ton, npi, "447000123456", new ESMClass().value(), (byte) 0, (byte) 0, null, null,
                new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE).value(), (byte) 0,
                DataCodings.ZERO.toByte(), (byte) 0, TEXT);
        submitSmResp = peer.submitSmResp(7, CARRIER_ID);
        deliverSm = peer.deliverSm(7, "", ton, npi, "447000123456", TypeOfNumber.UNKNOWN.value(),
                NumberingPlanIndicator.UNKNOWN.value(), "1000", (byte) 0x04, (byte) 0, (byte) 0, (byte) 0,
                DataCodings.ZERO.toByte(), RECEIPT_TEXT, new OptionalParameter.Receipted_message_id(CARRIER_ID),
                new OptionalParameter.Message_state((byte) 2));
        deliverSmResp = peer.deliverSmResp(0, 7, null);
        message = new ShortMessage(TypeOfNumber.UNKNOWN.value(), NumberingPlanIndicator.UNKNOWN.value(), "1000", ton, npi,
                "447000123456", (byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 0, TEXT);
        receipt = new ShortMessage(ton, npi, "447000123456", TypeOfNumber.UNKNOWN.value(),
                NumberingPlanIndicator.UNKNOWN.value(), "1000", (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                RECEIPT_TEXT);
        deliverSmFrame = PooledByteBufAllocator.DEFAULT.directBuffer(deliverSm.length).writeBytes(deliverSm);
        for (byte[] frame : new byte[][] {submitSm, submitSmResp, deliverSm, deliverSmResp}) {
            Object pdu = decode(frame); // measure the good path, not an error answer
            if (pdu == null || pdu instanceof UndecodablePdu || pdu instanceof InvalidFrame) {
                throw new IllegalStateException("a benchmark frame does not decode: " + pdu);
            }
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        out.release();
        deliverSmFrame.release();
    }

    private Object decode(byte[] frame) {
        channel.writeInbound(Unpooled.wrappedBuffer(frame));
        Object pdu = channel.readInbound();
        ReferenceCountUtil.release(pdu);
        return pdu;
    }

    private int nextSequence() {
        return sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
    }

    /** A tenant's submit_sm (text of 19 octets, a receipt asked), framed and decoded. */
    @Benchmark
    public Object decodeSubmitSm() {
        return decode(submitSm);
    }

    /** A carrier's submit_sm_resp with its message id. */
    @Benchmark
    public Object decodeSubmitSmResp() {
        return decode(submitSmResp);
    }

    /** A carrier's receipt: deliver_sm with the Appendix B text and the receipted_message_id and message_state TLVs. */
    @Benchmark
    public Object decodeDeliverSm() {
        return decode(deliverSm);
    }

    /** The receipt read by {@link PduReader} from a pooled direct buffer: the decoding alone, no pipeline. */
    @Benchmark
    public DeliverSm readDeliverSm() throws PDUStringException {
        return PduReader.deliverSm(deliverSmFrame.readerIndex(0));
    }

    /** The receipt copied out of its frame and decoded by jSMPP, as the gateway decoded every PDU before hot-decode. */
    @Benchmark
    public DeliverSm decodeDeliverSmWithJsmppDecomposer() throws PDUStringException {
        return decomposer.deliverSm(ByteBufUtil.getBytes(deliverSmFrame, 0, deliverSmFrame.writerIndex()));
    }

    /** A tenant's deliver_sm_resp. */
    @Benchmark
    public Object decodeDeliverSmResp() {
        return decode(deliverSmResp);
    }

    /** The submit_sm_resp with the gateway's message id, toward the tenant. */
    @Benchmark
    public ByteBuf encodeSubmitSmResp() throws PDUStringException {
        PduWriter.submitSmResp(out.clear(), nextSequence(), GATEWAY_ID);
        return out;
    }

    /** The submit_sm toward the carrier. */
    @Benchmark
    public ByteBuf encodeSubmitSm() throws PDUStringException {
        PduWriter.submitSm(out.clear(), nextSequence(), message);
        return out;
    }

    /** The receipt toward the tenant, with its TLVs. */
    @Benchmark
    public ByteBuf encodeDeliverSm() throws PDUStringException {
        PduWriter.deliverSm(out.clear(), nextSequence(), receipt, GATEWAY_ID, 2);
        return out;
    }

    /** The deliver_sm_resp toward the carrier. */
    @Benchmark
    public ByteBuf encodeDeliverSmResp() {
        PduWriter.deliverSmResp(out.clear(), 0, nextSequence());
        return out;
    }

    /** The same receipt composed by jSMPP into a byte array, as the sessions did before {@link PduWriter}. */
    @Benchmark
    public byte[] encodeDeliverSmWithJsmppComposer() throws PDUStringException {
        return Pdus.deliverSm(nextSequence(), receipt, GATEWAY_ID, 2);
    }
}
