package io.edgegw.sipstack.message;

import java.nio.charset.StandardCharsets;

/** Messages from RFC 3261, RFC 4475 and RFC 5118, written with LF and sent with CRLF as on the wire. */
final class Messages {
    private Messages() {
    }

    static byte[] wire(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The message with Content-Length set to what follows the empty line. */
    static byte[] withLength(String head, String body) {
        byte[] b = body.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return concat(wire(head.replace("LENGTH", Integer.toString(b.length)) + "\n"), b);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static final String SDP = """
            v=0
            o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.com
            s=-
            c=IN IP4 pc33.atlanta.com
            t=0 0
            m=audio 49172 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            """;

    /** RFC 3261 section 24.2, F1 as it leaves atlanta.com's proxy (two Vias, Record-Route). */
    static final String INVITE_HEAD = """
            INVITE sip:bob@biloxi.com SIP/2.0
            Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1
            Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1
            Max-Forwards: 69
            Record-Route: <sip:bigbox3.site3.atlanta.com;lr>
            To: Bob <sip:bob@biloxi.com>
            From: Alice <sip:alice@atlanta.com>;tag=1928301774
            Call-ID: a84b4c76e66710@pc33.atlanta.com
            CSeq: 314159 INVITE
            Contact: <sip:alice@pc33.atlanta.com>
            Content-Type: application/sdp
            Content-Length: LENGTH
            """;

    static byte[] invite() {
        return withLength(INVITE_HEAD, SDP);
    }

    /** RFC 4475 section 3.1.1.1 "wsinv", a short tortuous INVITE: folding, odd white space, compact forms. */
    static final String WSINV_HEAD = """
            INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
            TO :
             sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
            from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>
              ;
              tag = 98asjd8
            MaX-fOrWaRdS: 0068
            Call-ID: wsinv.ndaksdj@192.0.2.1
            Content-Length   : LENGTH
            cseq: 0009
              INVITE
            Via  : SIP  /   2.0
             /UDP
                192.0.2.2;branch=390skdjuw
            s :
            NewFangledHeader:   newfangled value
             continued newfangled value
            UnknownHeaderWithUnusualValue: ;;,,;;,;
            Content-Type: application/sdp
            Route:
             <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
            v:  SIP  / 2.0  / TCP     spindle.example.com   ;
              branch  =   z9hG4bK9ikj8  ,
             SIP  /    2.0   / UDP  192.168.255.111   ; branch=
             z9hG4bK30239
            m:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =
                  newvalue ;
              secondparam ; q = 0.33
            """;

    static final String WSINV_BODY = """
            v=0
            o=mhandley 29739 7272939 IN IP4 192.0.2.3
            s=-
            c=IN IP4 192.0.2.4
            t=0 0
            m=audio 49217 RTP/AVP 0 12
            m=video 3227 RTP/AVP 31
            a=rtpmap:31 LPC
            """;

    /** RFC 4475 section 3.1.1.3 "esc01": escaped characters in URIs. */
    static final String ESC01 = """
            INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0
            To: sip:%75se%72@example.com
            From: <sip:I%20have%20spaces@example.net>;tag=938
            Max-Forwards: 87
            i: esc01.239409asdfakjkn23onasd0-3234
            CSeq: 234234 INVITE
            Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw
            C: application/sdp
            Contact:
              <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>
            Content-Length: 0

            """;

    /** RFC 5118 section 4.1 style: IPv6 in the Request-URI, Via and Contact. */
    static final String IPV6 = """
            REGISTER sip:[2001:db8::10]:5070 SIP/2.0
            To: sip:user@example.com
            From: sip:user@example.com;tag=81x2
            Via: SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3-111;received=[2001:db8::9:255];rport=6000
            Call-ID: SSG9559905523997077@hlau_4100
            Max-Forwards: 70
            Contact: "Caller" <sip:caller@[2001:db8::1]>
            CSeq: 98176 REGISTER
            Content-Length: 0

            """;

    /** RFC 3261 section 24.2, F6 at biloxi.com's end: 200 OK with three Vias. */
    static final String OK_HEAD = """
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3
            Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2
            Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1
            Record-Route: <sip:server10.biloxi.com;lr>, <sip:bigbox3.site3.atlanta.com;lr>
            To: Bob <sip:bob@biloxi.com>;tag=a6c85cf
            From: Alice <sip:alice@atlanta.com>;tag=1928301774
            Call-ID: a84b4c76e66710@pc33.atlanta.com
            CSeq: 314159 INVITE
            Contact: <sip:bob@192.0.2.4>
            Content-Type: application/sdp
            Content-Length: LENGTH
            """;

    static byte[] ok() {
        return withLength(OK_HEAD, SDP);
    }
}
