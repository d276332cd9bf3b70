package io.edgegw.deploy.scenario;

import org.jsmpp.SMPPConstant;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Function;

/**
 * The hostile PDUs of {@code edge scenario fuzz}, drawn from one {@link Random} so a seed gives the same bytes again:
 * well-formed PDUs to start from, the same with fields made invalid (over-long, unterminated, TLVs and sm_length
 * running past the end), every command_id including unknown and response ids, bad command_length (too small, too
 * large, negative, not matching the body), and random byte mutations of valid PDUs. Written by hand, not with jSMPP's
 * composer, which refuses to build most of them.
 */
final class FuzzPdus {
    /** Every SMPP 3.4 command_id, requests and responses, plus a few no version defines. */
    private static final int[] COMMAND_IDS = {
            SMPPConstant.CID_GENERIC_NACK, SMPPConstant.CID_BIND_RECEIVER, SMPPConstant.CID_BIND_RECEIVER_RESP,
            SMPPConstant.CID_BIND_TRANSMITTER, SMPPConstant.CID_BIND_TRANSMITTER_RESP, SMPPConstant.CID_QUERY_SM,
            SMPPConstant.CID_QUERY_SM_RESP, SMPPConstant.CID_SUBMIT_SM, SMPPConstant.CID_SUBMIT_SM_RESP,
            SMPPConstant.CID_DELIVER_SM, SMPPConstant.CID_DELIVER_SM_RESP, SMPPConstant.CID_UNBIND,
            SMPPConstant.CID_UNBIND_RESP, SMPPConstant.CID_REPLACE_SM, SMPPConstant.CID_REPLACE_SM_RESP,
            SMPPConstant.CID_CANCEL_SM, SMPPConstant.CID_CANCEL_SM_RESP, SMPPConstant.CID_BIND_TRANSCEIVER,
            SMPPConstant.CID_BIND_TRANSCEIVER_RESP, SMPPConstant.CID_OUTBIND, SMPPConstant.CID_ENQUIRE_LINK,
            SMPPConstant.CID_ENQUIRE_LINK_RESP, SMPPConstant.CID_SUBMIT_MULTI, SMPPConstant.CID_SUBMIT_MULTI_RESP,
            SMPPConstant.CID_ALERT_NOTIFICATION, SMPPConstant.CID_DATA_SM, SMPPConstant.CID_DATA_SM_RESP,
            0x00000111, 0x00000112, 0x80000111, 0x0000FFFF, 0x7FFFFFFF, 0x80000099, 0xFFFFFFFF, 0};
    private static final int[] BIND_IDS = {SMPPConstant.CID_BIND_TRANSMITTER, SMPPConstant.CID_BIND_RECEIVER,
            SMPPConstant.CID_BIND_TRANSCEIVER};
    /** TLV tags the gateway reads, and some it does not. */
    private static final int[] TLV_TAGS = {0x0424, 0x020C, 0x020E, 0x020F, 0x001E, 0x0427, 0x0423, 0x0005, 0x0204,
            0x1400, 0xFFFF, 0x0000};

    private final Random random;
    private final int maxPduBytes;
    private int sequence = 1;

    FuzzPdus(long seed, int maxPduBytes) {
        this.random = new Random(seed);
        this.maxPduBytes = maxPduBytes;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    // --- well-formed -------------------------------------------------------------------------------------------

    byte[] bind(int commandId, String systemId, String password) {
        return pdu(commandId, body(b -> {
            cString(b, systemId);
            cString(b, password);
            cString(b, "fuzz");
            b.write(0x34);
            b.write(0);
            b.write(0);
            cString(b, "");
            return b;
        }));
    }

    /** bind_transmitter, bind_receiver or bind_transceiver, at random. */
    byte[] anyBind(String systemId, String password) {
        return bind(BIND_IDS[random.nextInt(BIND_IDS.length)], systemId, password);
    }

    byte[] submitSm() {
        byte[] text = ("fuzz " + random.nextInt(1_000_000)).getBytes(StandardCharsets.ISO_8859_1);
        return submitLike(SMPPConstant.CID_SUBMIT_SM, "4470" + (1_000_000 + random.nextInt(1_000_000)), text,
                new byte[0], text.length);
    }

    byte[] enquireLink() {
        return header(16, SMPPConstant.CID_ENQUIRE_LINK, 0, sequence++);
    }

    byte[] unbind() {
        return header(16, SMPPConstant.CID_UNBIND, 0, sequence++);
    }

    // --- hostile -------------------------------------------------------------------------------------------------

    /** One PDU that keeps its frame: a field, a TLV or the state is wrong, or it is simply valid. */
    byte[] inFrame(String systemId, String password) {
        return switch (random.nextInt(14)) {
            case 0 -> submitSm();
            case 1 -> mutate(submitSm());
            case 2 -> mutate(validOfAnyKind(systemId, password));
            case 3 -> submitWithBadTlv();
            case 4 -> submitLike(SMPPConstant.CID_SUBMIT_SM, "4470", bytes(20), new byte[0], 100 + random.nextInt(156));
            case 5 -> submitLike(SMPPConstant.CID_SUBMIT_SM, "4470" + "9".repeat(20 + random.nextInt(60)), bytes(5),
                    new byte[0], 5); // destination_addr over its 21 octets
            case 6 -> unterminated(SMPPConstant.CID_SUBMIT_SM);
            case 7 -> anyCommandId();
            case 8 -> header(16, SMPPConstant.CID_DELIVER_SM_RESP, random.nextInt(3) == 0 ? 8 : 0,
                    random.nextInt()); // a response to a deliver_sm never sent
            case 9 -> header(16, SMPPConstant.CID_GENERIC_NACK, random.nextInt(0x100), random.nextInt());
            case 10 -> anyBind(systemId, password); // a bind after bind
            case 11 -> dataSm();
            case 12 -> enquireLink();
            default -> submitLike(SMPPConstant.CID_SUBMIT_SM, "4470", new byte[0], bytes(300 + random.nextInt(2000)),
                    0); // message_payload
        };
    }

    /** A PDU whose command_length is out of bounds or does not match its body: the stream cannot go on after it. */
    byte[] badFrame() {
        byte[] valid = submitSm();
        return switch (random.nextInt(6)) {
            case 0 -> header(random.nextInt(16), SMPPConstant.CID_SUBMIT_SM, 0, sequence++); // too small
            case 1 -> withLength(valid, maxPduBytes + 1 + random.nextInt(1 << 20)); // too large
            case 2 -> withLength(valid, -1 - random.nextInt(Integer.MAX_VALUE)); // negative
            case 3 -> withLength(concat(valid, submitSm()), valid.length + 1 + random.nextInt(20)); // claims more
            case 4 -> withLength(valid, Math.max(16, valid.length - 1 - random.nextInt(20))); // claims less
            default -> concat(header(16 + 4 + random.nextInt(10), SMPPConstant.CID_ENQUIRE_LINK, 0, 1),
                    "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)); // then garbage
        };
    }

    /** A bind that must fail: wrong password, unknown or over-long system_id, missing terminators. */
    byte[] badBind(String decoySystemId) {
        int id = BIND_IDS[random.nextInt(BIND_IDS.length)];
        return switch (random.nextInt(6)) {
            case 0 -> bind(id, decoySystemId, "guess" + random.nextInt(1000));
            case 5 -> bind(id, "a\n ERROR forge", "x"); // a log line of the peer's own, if its text were logged raw
            case 1 -> bind(id, "nobody" + random.nextInt(1000), "guess");
            case 2 -> bind(id, "x".repeat(16 + random.nextInt(100)), "guess"); // over 15 octets
            case 3 -> bind(id, decoySystemId, "p".repeat(9 + random.nextInt(60))); // password over 8 octets
            default -> unterminated(id);
        };
    }

    /** Before bind: anything but a bind. */
    byte[] beforeBind() {
        return switch (random.nextInt(5)) {
            case 0 -> submitSm();
            case 1 -> header(16, SMPPConstant.CID_DELIVER_SM_RESP, 0, random.nextInt());
            case 2 -> enquireLink();
            case 3 -> anyCommandId();
            default -> mutate(submitSm());
        };
    }

    /** The first {@code 1..length-1} bytes of a valid PDU: a half PDU to stall on. */
    byte[] half(byte[] pdu) {
        return java.util.Arrays.copyOf(pdu, 1 + random.nextInt(pdu.length - 1));
    }

    // --- building blocks ----------------------------------------------------------------------------------------

    private byte[] validOfAnyKind(String systemId, String password) {
        return switch (random.nextInt(4)) {
            case 0 -> anyBind(systemId, password);
            case 1 -> dataSm();
            case 2 -> header(16, SMPPConstant.CID_DELIVER_SM_RESP, 0, random.nextInt());
            default -> submitLike(SMPPConstant.CID_DELIVER_SM, "1000", bytes(30), new byte[0], 30);
        };
    }

    /** Flips, sets or inserts a few bytes; the command_length is spared most of the time, so the session goes on. */
    byte[] mutate(byte[] pdu) {
        byte[] out = pdu.clone();
        int from = random.nextInt(50) == 0 ? 0 : 4; // a new command_length desynchronises the rest of the session
        for (int i = 1 + random.nextInt(8); i > 0 && out.length > from; i--) {
            int at = from + random.nextInt(out.length - from);
            out[at] = switch (random.nextInt(3)) {
                case 0 -> (byte) (out[at] ^ (1 << random.nextInt(8)));
                case 1 -> 0;
                default -> (byte) random.nextInt(256);
            };
        }
        return out;
    }

    private byte[] submitWithBadTlv() {
        int tag = TLV_TAGS[random.nextInt(TLV_TAGS.length)];
        byte[] value = bytes(random.nextInt(8));
        int declared = switch (random.nextInt(4)) {
            case 0 -> 0xFFFF; // runs far past the end
            case 1 -> 0x8000 + random.nextInt(0x8000); // negative as a Java short
            case 2 -> value.length + 1 + random.nextInt(10); // a little past the end
            default -> Math.max(0, value.length - 1); // shorter than its type (a 2-octet TLV with 1)
        };
        ByteBuffer tlv = ByteBuffer.allocate(4 + value.length).putShort((short) tag).putShort((short) declared)
                .put(value);
        byte[] text = bytes(10);
        byte[] tlvs = random.nextBoolean() ? tlv.array() : java.util.Arrays.copyOf(tlv.array(), 1 + random.nextInt(3));
        return smRequest(SMPPConstant.CID_SUBMIT_SM, "4470", text, tlvs, text.length);
    }

    /** submit_sm or deliver_sm; a non-empty {@code payload} goes in a message_payload TLV. */
    private byte[] submitLike(int commandId, String destination, byte[] text, byte[] payload, int smLength) {
        byte[] tlv = payload.length == 0 ? new byte[0] : ByteBuffer.allocate(4 + payload.length)
                .putShort((short) 0x0424).putShort((short) payload.length).put(payload).array();
        return smRequest(commandId, destination, text, tlv, smLength);
    }

    /** submit_sm or deliver_sm with these fields; {@code smLength} need not match {@code text}. */
    private byte[] smRequest(int commandId, String destination, byte[] text, byte[] tlvs, int smLength) {
        return pdu(commandId, body(b -> {
            cString(b, "");
            b.write(1);
            b.write(1);
            cString(b, "1000");
            b.write(1);
            b.write(1);
            cString(b, destination);
            b.write(random.nextInt(8) == 0 ? 0x40 : 0); // esm_class: sometimes a UDH claimed
            b.write(0);
            b.write(0);
            cString(b, "");
            cString(b, "");
            b.write(random.nextInt(4) == 0 ? 1 : 0); // registered_delivery
            b.write(0);
            b.write(random.nextInt(6) == 0 ? 8 : 0); // data_coding: UCS-2 sometimes
            b.write(0);
            b.write(smLength & 0xFF);
            b.writeBytes(text);
            b.writeBytes(tlvs);
            return b;
        }));
    }

    private byte[] dataSm() {
        return pdu(SMPPConstant.CID_DATA_SM, body(b -> {
            cString(b, "");
            b.write(1);
            b.write(1);
            cString(b, "1000");
            b.write(1);
            b.write(1);
            cString(b, "4470123");
            b.write(0);
            b.write(1);
            b.write(0);
            byte[] payload = bytes(random.nextInt(40));
            b.writeBytes(ByteBuffer.allocate(4).putShort((short) 0x0424).putShort((short) payload.length).array());
            b.writeBytes(payload);
            return b;
        }));
    }

    /** A body of printable bytes and no NUL: every C-string in it runs to the end of the PDU. */
    private byte[] unterminated(int commandId) {
        byte[] body = new byte[1 + random.nextInt(60)];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + random.nextInt(26));
        }
        return pdu(commandId, body);
    }

    /** Any command_id, with a short random body or none. */
    private byte[] anyCommandId() {
        return pdu(COMMAND_IDS[random.nextInt(COMMAND_IDS.length)], bytes(random.nextInt(3) == 0 ? 0
                : random.nextInt(40)));
    }

    private byte[] pdu(int commandId, byte[] body) {
        return ByteBuffer.allocate(16 + body.length).putInt(16 + body.length).putInt(commandId).putInt(0)
                .putInt(sequence++).put(body).array();
    }

    private static byte[] header(int length, int commandId, int status, int sequence) {
        return ByteBuffer.allocate(16).putInt(length).putInt(commandId).putInt(status).putInt(sequence).array();
    }

    private static byte[] withLength(byte[] pdu, int length) {
        byte[] out = pdu.clone();
        ByteBuffer.wrap(out).putInt(0, length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] body(Function<ByteArrayOutputStream, ByteArrayOutputStream> fields) {
        return fields.apply(new ByteArrayOutputStream()).toByteArray();
    }

    private static void cString(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        b.write(0);
    }
}
