package io.edgegw.sipstack.message;

import javax.sip.header.AllowEventsHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.SubjectHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;

/**
 * The header names a proxy reads, as small codes, so the index compares bytes once and lookups compare ints. Names
 * come from JAIN-SIP; the compact forms (RFC 3261 section 7.3.3 and 20, RFC 3265, RFC 3515) have no constant there.
 */
final class HeaderNames {
    static final byte OTHER = 0;
    static final byte VIA = 1;
    static final byte FROM = 2;
    static final byte TO = 3;
    static final byte CALL_ID = 4;
    static final byte CSEQ = 5;
    static final byte MAX_FORWARDS = 6;
    static final byte ROUTE = 7;
    static final byte RECORD_ROUTE = 8;
    static final byte CONTACT = 9;
    static final byte CONTENT_LENGTH = 10;
    static final byte CONTENT_TYPE = 11;

    private static final String[] NAMES = {null, ViaHeader.NAME, FromHeader.NAME, ToHeader.NAME, CallIdHeader.NAME,
        CSeqHeader.NAME, MaxForwardsHeader.NAME, RouteHeader.NAME, RecordRouteHeader.NAME, ContactHeader.NAME,
        ContentLengthHeader.NAME, ContentTypeHeader.NAME};

    /** Long name by compact letter, 'a' to 'z'. */
    private static final String[] COMPACT = new String[26];

    static {
        COMPACT['i' - 'a'] = CallIdHeader.NAME;
        COMPACT['f' - 'a'] = FromHeader.NAME;
        COMPACT['t' - 'a'] = ToHeader.NAME;
        COMPACT['v' - 'a'] = ViaHeader.NAME;
        COMPACT['m' - 'a'] = ContactHeader.NAME;
        COMPACT['l' - 'a'] = ContentLengthHeader.NAME;
        COMPACT['c' - 'a'] = ContentTypeHeader.NAME;
        COMPACT['k' - 'a'] = SupportedHeader.NAME;
        COMPACT['s' - 'a'] = SubjectHeader.NAME;
        COMPACT['e' - 'a'] = ContentEncodingHeader.NAME;
        COMPACT['o' - 'a'] = EventHeader.NAME;
        COMPACT['r' - 'a'] = ReferToHeader.NAME;
        COMPACT['u' - 'a'] = AllowEventsHeader.NAME;
    }

    private HeaderNames() {
    }

    static String name(int code) {
        return NAMES[code];
    }

    /** The code of the name in b[from, to), compact forms included, case-insensitive. */
    static byte code(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 1) {
            String longName = compact(b[from]);
            return longName == null ? OTHER : codeOfLong(longName);
        }
        for (byte c = 1; c < NAMES.length; c++) {
            String s = NAMES[c];
            if (s.length() == n && Ascii.lower(s.charAt(0)) == Ascii.lower(b[from])
                    && Ascii.equalsIgnoreCase(b, from, to, s)) {
                return c;
            }
        }
        return OTHER;
    }

    /** The code of a name a caller gives (compact or long, any case). */
    static byte code(String name) {
        String longName = canonical(name);
        return codeOfLong(longName);
    }

    /** The long name for a compact letter, the JAIN-SIP spelling for a known name, else the name as given. */
    static String canonical(String name) {
        if (name.length() == 1) {
            String longName = compact((byte) name.charAt(0));
            return longName == null ? name : longName;
        }
        for (int c = 1; c < NAMES.length; c++) {
            if (NAMES[c].equalsIgnoreCase(name)) {
                return NAMES[c];
            }
        }
        return name;
    }

    static String compact(byte letter) {
        int i = Ascii.lower(letter) - 'a';
        return i >= 0 && i < 26 ? COMPACT[i] : null;
    }

    private static byte codeOfLong(String longName) {
        for (byte c = 1; c < NAMES.length; c++) {
            if (NAMES[c].equalsIgnoreCase(longName)) {
                return c;
            }
        }
        return OTHER;
    }
}
