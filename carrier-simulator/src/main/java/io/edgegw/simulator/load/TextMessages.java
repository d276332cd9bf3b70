package io.edgegw.simulator.load;

import io.edgegw.simulator.wire.MessageFields;
import io.edgegw.simulator.wire.PduWriter;
import io.netty.buffer.ByteBuf;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.OptionalParameter;

/**
 * Writes the submit_sm of a long or Unicode load message (the short one stays in {@link LoadSession}, byte for byte as
 * before). A long text is 300 GSM characters drawn from letters, digits and space only, whose GSM 03.38 codes are
 * their ASCII codes, so its unpacked septets are its ASCII octets (data_coding 0). A Unicode text is 100 UTF-16 code
 * units (data_coding 8) with Cyrillic, Greek and Chinese letters and an emoji whose surrogate pair sits at units 66-67,
 * right across the 67-unit cut, so the parts show a pair is never split. Cut into parts here, not by the gateway's
 * text library: the simulator talks to the gateway over the wire only, and a cutting bug cannot hide by being the
 * same on both sides (the deploy tests check these parts against that library).
 */
final class TextMessages {
    static final int LONG_CHARS = 300;
    static final int UNICODE_UNITS = 100;
    /** GSM characters in one part next to a 6-octet UDH (GSM 03.40: 153), and UCS-2 code units (67). */
    static final int GSM_PER_PART = 153;
    static final int UCS2_PER_PART = 67;
    /** Where the emoji's surrogate pair starts: its low half would be the first unit of part 2. */
    static final int EMOJI_AT = UCS2_PER_PART - 1;
    static final String EMOJI = "\uD83D\uDE00";
    static final byte DATA_CODING_UCS2 = 0x08;
    private static final String GSM_FILLER = "the quick brown fox jumps over the lazy dog 0123456789 ";
    private static final String UNICODE_FILLER = "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440 "
            + "\u0393\u03b5\u03b9\u03ac \u03c3\u03bf\u03c5 \u03ba\u03cc\u03c3\u03bc\u03b5 \u4f60\u597d ";
    private static final short MESSAGE_PAYLOAD = OptionalParameter.Tag.MESSAGE_PAYLOAD.code();
    private static final byte UDHI = GSMSpecificFeature.UDHI.value();
    /** The UDH of one part: length 5, IEI 0x00 (8-bit reference), IE length 3, then reference, total, seq. */
    private static final int UDH_LENGTH = 5;
    private static final int IEI_CONCAT_8BIT = 0x00;
    private static final int IE_LENGTH = 3;
    /** Room a submit_sm of these texts takes in the outbox (300 octets of text and the fields around them). */
    static final int PDU_ROOM = 512;
    private static final int[] LONG_CUTS = cuts(LONG_CHARS, GSM_PER_PART, text(TextKind.LONG, 0));
    private static final int[] UNICODE_CUTS = cuts(UNICODE_UNITS, UCS2_PER_PART, text(TextKind.UNICODE, 0));

    private final TextMix.LongForm form;
    private final MessageFields gsm;
    private final MessageFields gsmUdh;
    private final MessageFields ucs2;
    private final MessageFields ucs2Udh;
    /** The text of {@link #textOf}, rebuilt only when another message's part comes. */
    private final StringBuilder text = new StringBuilder(LONG_CHARS);
    private long textOf = -1;
    private TextKind textKind;

    /** {@code fields}: the submit fields of the short text (source, TON/NPI, registered_delivery). */
    TextMessages(TextMix.LongForm form, MessageFields fields) {
        this.form = form;
        this.gsm = fields;
        this.gsmUdh = with(fields, (byte) (fields.esmClass() | UDHI), fields.dataCoding());
        this.ucs2 = with(fields, fields.esmClass(), DATA_CODING_UCS2);
        this.ucs2Udh = with(fields, (byte) (fields.esmClass() | UDHI), DATA_CODING_UCS2);
    }

    private static MessageFields with(MessageFields f, byte esmClass, byte dataCoding) {
        return new MessageFields(f.serviceType(), f.sourceTon(), f.sourceNpi(), f.source(), f.destTon(), f.destNpi(),
                f.destination(), esmClass, f.protocolId(), f.priorityFlag(), f.scheduleDeliveryTime(),
                f.validityPeriod(), f.registeredDelivery(), f.replaceIfPresent(), dataCoding, f.smDefaultMsgId());
    }

    /** Submits a message of {@code kind} takes in {@code form}: 1 unless it is cut into UDH parts. */
    static int parts(TextKind kind, TextMix.LongForm form) {
        return switch (kind) {
            case SHORT -> 1;
            case LONG -> form == TextMix.LongForm.UDH ? LONG_CUTS.length - 1 : 1;
            case UNICODE -> form == TextMix.LongForm.UDH ? UNICODE_CUTS.length - 1 : 1;
        };
    }

    /** The text of message {@code m} of a long or Unicode kind (what a test expects the carrier to get). */
    static String text(TextKind kind, long m) {
        StringBuilder out = new StringBuilder(LONG_CHARS);
        appendText(out, kind, m);
        return out.toString();
    }

    private static void appendText(StringBuilder out, TextKind kind, long m) {
        switch (kind) {
            case LONG -> {
                out.append("load long ").append(m).append(' ');
                fill(out, GSM_FILLER, LONG_CHARS);
            }
            case UNICODE -> {
                out.append("load unicode ").append(m).append(' ');
                fill(out, UNICODE_FILLER, EMOJI_AT);
                out.append(EMOJI);
                fill(out, UNICODE_FILLER, UNICODE_UNITS);
            }
            case SHORT -> throw new IllegalArgumentException("the short text is written by the session");
        }
    }

    private static void fill(StringBuilder out, String filler, int upTo) {
        for (int i = 0; out.length() < upTo; i++) {
            out.append(filler.charAt(i % filler.length()));
        }
    }

    /**
     * Where a text of {@code length} units is cut into parts of at most {@code perPart}: a cut that would fall
     * between the halves of a surrogate pair moves one unit back, so the pair goes whole into the next part.
     */
    static int[] cuts(int length, int perPart, CharSequence text) {
        int[] cuts = new int[length / (perPart - 1) + 2];
        int n = 0;
        int at = 0;
        cuts[n++] = 0;
        while (at < length) {
            int next = Math.min(length, at + perPart);
            if (next < length && Character.isHighSurrogate(text.charAt(next - 1))) {
                next--;
            }
            cuts[n++] = next;
            at = next;
        }
        return java.util.Arrays.copyOf(cuts, n);
    }

    /** Part {@code part} (0-based) of message {@code m}, a whole submit_sm with sequence number {@code sequence}. */
    void write(ByteBuf out, int sequence, CharSequence destination, TextKind kind, long m, int part) {
        if (textOf != m || textKind != kind) {
            text.setLength(0);
            appendText(text, kind, m);
            textOf = m;
            textKind = kind;
        }
        boolean unicode = kind == TextKind.UNICODE;
        boolean udh = form == TextMix.LongForm.UDH;
        MessageFields fields = unicode ? (udh ? ucs2Udh : ucs2) : (udh ? gsmUdh : gsm);
        int start = PduWriter.beginMessage(out, SMPPConstant.CID_SUBMIT_SM, sequence, fields, destination);
        int shortMessage = out.writerIndex();
        if (udh) {
            int[] cuts = unicode ? UNICODE_CUTS : LONG_CUTS;
            out.writeByte(UDH_LENGTH).writeByte(IEI_CONCAT_8BIT).writeByte(IE_LENGTH)
                    .writeByte((int) (m & 0xFF)).writeByte(cuts.length - 1).writeByte(part + 1);
            writeText(out, unicode, cuts[part], cuts[part + 1]);
            PduWriter.endShortMessage(out, shortMessage);
        } else {
            PduWriter.endShortMessage(out, shortMessage); // sm_length 0: the text goes in message_payload
            int value = PduWriter.beginTlv(out, MESSAGE_PAYLOAD);
            writeText(out, unicode, 0, text.length());
            PduWriter.endTlv(out, value);
        }
        PduWriter.end(out, start);
    }

    private void writeText(ByteBuf out, boolean unicode, int from, int to) {
        for (int i = from; i < to; i++) {
            if (unicode) {
                out.writeChar(text.charAt(i)); // UCS-2 big-endian, as Netty writes a char
            } else {
                out.writeByte(text.charAt(i)); // the GSM code of these characters is their ASCII code
            }
        }
    }
}
