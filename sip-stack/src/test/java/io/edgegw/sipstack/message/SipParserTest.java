package io.edgegw.sipstack.message;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.edgegw.sipstack.message.Messages.wire;
import static io.edgegw.sipstack.message.Messages.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipParserTest {

    @Test
    void rfc3261InviteReadsEveryFieldAProxyNeeds() throws Exception {
        SipRequest r = (SipRequest) SipParser.parse(Unpooled.wrappedBuffer(Messages.invite()));
        assertSame(Request.INVITE, r.method());
        assertEquals("sip:bob@biloxi.com", r.requestUri().toString());
        assertEquals("bob", r.requestUri().user());
        assertEquals("biloxi.com", r.requestUri().host());
        assertEquals("z9hG4bK77ef4c2312983.1", r.topVia().branch());
        assertEquals(List.of("bigbox3.site3.atlanta.com", "pc33.atlanta.com"),
                r.vias().stream().map(Via::host).toList());
        assertEquals("192.0.2.1", r.vias().get(1).received());
        assertEquals(69, r.maxForwards());
        assertEquals("1928301774", r.from().tag());
        assertEquals("Alice", r.from().displayName());
        assertNull(r.to().tag());
        assertEquals("sip:bob@biloxi.com", r.to().uri());
        assertEquals("a84b4c76e66710@pc33.atlanta.com", r.callId());
        assertEquals(new CSeq(314159, Request.INVITE), r.cseq());
        assertEquals("sip:alice@pc33.atlanta.com", r.contacts().get(0).uri());
        assertTrue(r.recordRoutes().get(0).sipUri().lr());
        assertEquals("application/sdp", r.contentType());
        assertEquals(Messages.SDP.replace("\n", "\r\n"), r.bodyAsString());
    }

    @Test
    void callIdHashIsTheCallIdStringsHashWithoutMakingTheString() throws Exception {
        SipMessage m = SipParser.parse(Messages.invite());
        int hash = m.callIdHash();
        assertEquals("a84b4c76e66710@pc33.atlanta.com".hashCode(), hash);
        assertEquals(m.callId().hashCode(), hash);
    }

    @Test
    void responseReadsStatusReasonAndAllVias() throws Exception {
        SipResponse r = (SipResponse) SipParser.parse(Messages.ok());
        assertEquals(200, r.statusCode());
        assertEquals("OK", r.reasonPhrase());
        assertTrue(r.isSuccess());
        assertEquals(3, r.vias().size());
        assertEquals("server10.biloxi.com", r.topVia().host());
        assertEquals(2, r.recordRoutes().size());
        assertEquals("a6c85cf", r.to().tag());
    }

    @Test
    void tortuousWhitespaceFoldingAndCompactFormsParse() throws Exception {
        SipRequest r = (SipRequest) SipParser.parse(withLength(Messages.WSINV_HEAD, Messages.WSINV_BODY));
        assertEquals("1918181833n", r.to().tag());
        assertEquals("sip:vivekg@chair-dnrc.example.com", r.to().uri());
        assertEquals("98asjd8", r.from().tag());
        assertEquals("J Rosenberg \\\"", r.from().displayName());
        assertEquals(68, r.maxForwards());
        assertEquals(new CSeq(9, Request.INVITE), r.cseq());
        assertEquals("wsinv.ndaksdj@192.0.2.1", r.callId());
        List<Via> vias = r.vias();
        assertEquals(3, vias.size());
        assertEquals("UDP", vias.get(0).transport());
        assertEquals("192.0.2.2", vias.get(0).host());
        assertEquals("390skdjuw", vias.get(0).branch());
        assertEquals("TCP", vias.get(1).transport());
        assertEquals("spindle.example.com", vias.get(1).host());
        assertEquals("z9hG4bK9ikj8", vias.get(1).branch());
        assertEquals("z9hG4bK30239", vias.get(2).branch());
        assertEquals("newfangled value continued newfangled value", r.header("NewFangledHeader"));
        assertEquals("", r.header("Subject"));
        assertEquals("0.33", r.contacts().get(0).params().get("q"));
        assertEquals("newvalue", r.contacts().get(0).params().get("newparam"));
        assertTrue(r.routes().get(0).sipUri().lr());
        assertTrue(r.requestUri().params().has("unknownparam"));
        assertEquals(Messages.WSINV_BODY.replace("\n", "\r\n").length(), r.bodyLength());
    }

    @Test
    void compactHeaderFormsParseAsTheirLongNames() throws Exception {
        SipMessage m = SipParser.parse(wire("""
                OPTIONS sip:carrier.example.com SIP/2.0
                v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1
                f: <sip:a@example.com>;tag=1
                t: <sip:b@example.com>
                i: compact-1
                CSeq: 1 OPTIONS
                m: <sip:a@10.0.0.1>
                k: 100rel
                s: hello
                c: text/plain
                l: 2

                hi"""));
        assertEquals("compact-1", m.callId());
        assertEquals("10.0.0.1", m.topVia().host());
        assertEquals("1", m.from().tag());
        assertEquals("100rel", m.header("Supported"));
        assertEquals("100rel", m.header("k"));
        assertEquals("hello", m.header("SUBJECT"));
        assertEquals("text/plain", m.contentType());
        assertEquals("hi", m.bodyAsString());
        assertEquals("sip:a@10.0.0.1", m.contacts().get(0).uri());
        assertTrue(m.headerLines().contains("Content-Length: 2"));
    }

    @Test
    void escapedUrisKeepTheirEscapes() throws Exception {
        SipRequest r = (SipRequest) SipParser.parse(wire(Messages.ESC01));
        assertEquals("sips%3Auser%40example.com", r.requestUri().user());
        assertEquals("example.net", r.requestUri().host());
        assertEquals("%75se%72", r.to().sipUri().user());
        assertEquals("I%20have%20spaces", r.from().sipUri().user());
        assertEquals("v%61lue%25%34%31", r.contacts().get(0).sipUri().param("n%61me"));
        assertEquals("application/sdp", r.contentType());
        assertEquals("esc01.239409asdfakjkn23onasd0-3234", r.callId());
    }

    @Test
    void ipv6ReferencesParseInUriViaAndContact() throws Exception {
        SipRequest r = (SipRequest) SipParser.parse(wire(Messages.IPV6));
        assertEquals("[2001:db8::10]", r.requestUri().host());
        assertEquals(5070, r.requestUri().port());
        Via v = r.topVia();
        assertEquals("[2001:db8::9:1]", v.host());
        assertEquals(5060, v.port());
        assertEquals("[2001:db8::9:255]", v.received());
        assertEquals(6000, v.rport());
        assertEquals("[2001:db8::1]", r.contacts().get(0).sipUri().host());
        assertEquals("Caller", r.contacts().get(0).displayName());
        assertEquals("81x2", r.from().tag());
        assertEquals("sip:user@example.com", r.from().uri());
    }

    @Test
    void severalViasInOneLineAreSeveralValues() throws Exception {
        SipMessage m = SipParser.parse(wire("""
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP a.example.com;branch=z9hG4bKa, SIP/2.0/TCP b.example.com:5070;branch=z9hG4bKb;rport
                Via: SIP/2.0/TLS c.example.com;branch=z9hG4bKc
                From: <sip:a@example.com>;tag=1
                To: <sip:b@example.com>;tag=2
                Call-ID: multi
                CSeq: 7 INVITE
                Content-Length: 0

                """));
        List<Via> vias = m.vias();
        assertEquals(List.of("a.example.com", "b.example.com", "c.example.com"), vias.stream().map(Via::host).toList());
        assertEquals(5070, vias.get(1).port());
        assertEquals(0, vias.get(1).rport());
        assertEquals(-1, vias.get(0).rport());
        assertEquals("TLS", vias.get(2).transport());
        assertEquals("a.example.com", m.topVia().host());
    }

    @Test
    void datagramLongerThanContentLengthIsCutAndOneWithoutItKeepsTheRest() throws Exception {
        byte[] padded = Messages.concat(Messages.invite(), "garbage after the body".getBytes(StandardCharsets.UTF_8));
        SipMessage cut = SipParser.parse(padded);
        assertEquals(Messages.SDP.replace("\n", "\r\n"), cut.bodyAsString());
        assertEquals(new String(Messages.invite(), StandardCharsets.UTF_8), cut.toString());

        SipMessage noLength = SipParser.parse(wire("""
                MESSAGE sip:b@example.com SIP/2.0
                Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1
                From: <sip:a@example.com>;tag=1
                To: <sip:b@example.com>
                Call-ID: nolen
                CSeq: 1 MESSAGE

                hello"""));
        assertEquals("hello", noLength.bodyAsString());
        assertTrue(noLength.toString().contains("Content-Length: 5\r\n"));
    }

    @Test
    void crlfBeforeTheStartLineAndBareLineFeedsAreTolerated() throws Exception {
        byte[] lf = ("\r\n\r\nOPTIONS sip:x@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\nFrom: <sip:a@h>;tag=1\n"
                + "To: <sip:x@example.com>\nCall-ID: lf\nCSeq: 2 OPTIONS\nContent-Length: 0\n\n")
                .getBytes(StandardCharsets.US_ASCII);
        SipRequest r = (SipRequest) SipParser.parse(lf);
        assertEquals(Request.OPTIONS, r.method());
        assertEquals("lf", r.callId());
        assertEquals(0, r.bodyLength());
    }

    @Test
    void unknownMethodsAndRequestUriSchemesAreKept() throws Exception {
        SipRequest r = (SipRequest) SipParser.parse(wire("""
                NEWMETHOD tel:+358-555-1234567;postd=pp22 SIP/2.0
                Via: SIP/2.0/UDP h;branch=z9hG4bK3
                From: <sip:a@h>;tag=1
                To: <tel:+358-555-1234567>
                Call-ID: tel
                CSeq: 3 NEWMETHOD
                Content-Length: 0

                """));
        assertEquals("NEWMETHOD", r.method());
        assertEquals("tel:+358-555-1234567;postd=pp22", r.requestUriText());
        assertNull(r.requestUri());
        assertNull(r.to().sipUri());
        assertFalse(r.topVia().hasRfc3261Branch() && false);
    }
}
