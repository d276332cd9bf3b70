package io.edgegw.smpp.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameter.Tag;
import org.jsmpp.util.StringParameter;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Random frames of the message path written octet by octet (not by jSMPP's composer, which refuses what it cannot
 * carry): every field random within SMPP's limits, often at them (empty, max length, sm_length 254), UDH behind
 * esm_class 0x40, TLVs known and unknown, message_payload up to a few KiB. {@code sloppy} also writes what a careless
 * or hostile peer sends: fields over their limit, times of the wrong length, sm_length 255, non-ASCII octets, TLVs of the
 * wrong size.
 */
final class FrameMaker {
    private static final Tag[] TAGS = Tag.values();
    private static final byte[] NON_ASCII = "é中😀".getBytes(StandardCharsets.UTF_8);

    private final Random random;
    private final boolean sloppy;
    private final ByteBuf b = Unpooled.buffer();

    FrameMaker(Random random, boolean sloppy) {
        this.random = random;
        this.sloppy = sloppy;
    }

    byte[] frame(int commandId) {
        b.writeInt(0).writeInt(commandId).writeInt(status()).writeInt(random.nextInt());
        switch (commandId) {
            case SMPPConstant.CID_SUBMIT_SM, SMPPConstant.CID_DELIVER_SM -> message();
            case SMPPConstant.CID_SUBMIT_SM_RESP -> {
                if (random.nextInt(5) != 0) { // else a header alone, as on an error
                    cString(StringParameter.MESSAGE_ID);
                    tlvs(random.nextInt(3));
                }
            }
            case SMPPConstant.CID_DELIVER_SM_RESP -> {
                cString(random.nextInt(3) == 0 ? StringParameter.MESSAGE_ID : null);
                tlvs(random.nextInt(3));
            }
            default -> throw new IllegalArgumentException(Integer.toHexString(commandId));
        }
        b.setInt(0, b.writerIndex());
        byte[] frame = new byte[b.writerIndex()];
        b.getBytes(0, frame);
        return frame;
    }

    private int status() {
        return random.nextInt(4) == 0 ? random.nextInt() : 0;
    }

    private void message() {
        cString(StringParameter.SERVICE_TYPE);
        b.writeByte(random.nextInt(256)).writeByte(random.nextInt(256));
        cString(StringParameter.SOURCE_ADDR);
        b.writeByte(random.nextInt(256)).writeByte(random.nextInt(256));
        cString(StringParameter.DESTINATION_ADDR);
        boolean udh = random.nextBoolean();
        b.writeByte(udh ? 0x40 | random.nextInt(256) : random.nextInt(256)); // esm_class
        b.writeByte(random.nextInt(256)).writeByte(random.nextInt(256)); // protocol_id, priority_flag
        time(StringParameter.SCHEDULE_DELIVERY_TIME);
        time(StringParameter.VALIDITY_PERIOD);
        b.writeByte(random.nextInt(256)).writeByte(random.nextInt(256)); // registered_delivery, replace_if_present
        b.writeByte(random.nextInt(256)).writeByte(random.nextInt(256)); // data_coding, sm_default_msg_id
        int smLength = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> sloppy ? 255 : 254;
            default -> random.nextInt(161);
        };
        b.writeByte(smLength);
        int start = b.writerIndex();
        if (udh && smLength >= 6) { // a concatenation header: UDHL 5, IEI 0, IEDL 3, ref, total, seq
            b.writeBytes(new byte[] {5, 0, 3, (byte) random.nextInt(256), 2, (byte) (1 + random.nextInt(2))});
        }
        while (b.writerIndex() - start < smLength) {
            b.writeByte(random.nextInt(256));
        }
        tlvs(random.nextInt(4) == 0 ? random.nextInt(6) : 0);
    }

    /** A C-octet string: mostly printable ASCII, empty or at its maximum often. */
    private void cString(StringParameter rule) {
        int max = rule == null ? 65 : rule.getMax() - 1;
        int length = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> sloppy ? max + 1 + random.nextInt(8 * max + 2) : max;
            default -> random.nextInt(max + 1);
        };
        text(length);
        b.writeByte(0);
    }

    /** schedule_delivery_time and validity_period: empty or exactly 16 characters. */
    private void time(StringParameter rule) {
        int length = random.nextBoolean() ? 0 : rule.getMax() - 1;
        if (sloppy && random.nextInt(4) == 0) {
            length = random.nextInt(40);
        }
        text(length);
        b.writeByte(0);
    }

    private void text(int length) {
        int end = b.writerIndex() + length;
        boolean foreign = sloppy && random.nextInt(6) == 0;
        while (b.writerIndex() < end) {
            if (foreign && random.nextInt(3) == 0) {
                b.writeByte(NON_ASCII[random.nextInt(NON_ASCII.length)]);
            } else {
                b.writeByte(' ' + random.nextInt(95));
            }
        }
    }

    private void tlvs(int count) {
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(6);
            if (kind == 0) { // a tag jSMPP does not know, vendor-specific or not
                short code = (short) random.nextInt(65536);
                while (Tlvs.tag(code) != null) {
                    code++;
                }
                tlv(code, random.nextInt(20));
            } else if (kind == 1) {
                tlv(Tag.MESSAGE_PAYLOAD.code(), random.nextInt(4) == 0 ? random.nextInt(4000) : random.nextInt(300));
            } else {
                Tag tag = TAGS[random.nextInt(TAGS.length)];
                tlv(tag.code(), sloppy && random.nextInt(4) == 0 ? random.nextInt(6) : size(tag));
            }
        }
        if (sloppy && random.nextInt(8) == 0) {
            b.writeByte(random.nextInt(256)); // a single octet after the TLVs: jSMPP leaves it
        }
    }

    private int size(Tag tag) {
        Class<?> type = tag.type();
        if (OptionalParameter.Null.class.isAssignableFrom(type)) {
            return 0;
        }
        if (OptionalParameter.Byte.class.isAssignableFrom(type)) {
            return 1;
        }
        if (OptionalParameter.Short.class.isAssignableFrom(type)) {
            return 2;
        }
        if (OptionalParameter.Int.class.isAssignableFrom(type)) {
            return 4;
        }
        return random.nextInt(40);
    }

    private void tlv(short code, int length) {
        b.writeShort(code).writeShort(length);
        for (int i = 0; i < length; i++) {
            b.writeByte(random.nextInt(256));
        }
    }
}
