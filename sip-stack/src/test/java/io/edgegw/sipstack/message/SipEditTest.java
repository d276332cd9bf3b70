package io.edgegw.sipstack.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.edgegw.sipstack.message.Messages.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipEditTest {

    private static SipMessage reparse(SipMessage m) throws SipParseException {
        return SipParser.parse(m.toByteArray());
    }

    @Test
    void untouchedMessageIsWrittenBackByteForByte() throws Exception {
        byte[] wsinv = Messages.withLength(Messages.WSINV_HEAD, Messages.WSINV_BODY);
        assertEquals(new String(wsinv, StandardCharsets.UTF_8), SipParser.parse(wsinv).toString());
    }

    @Test
    void proxyForwardingEditsReencodeOnlyTheTouchedLines() throws Exception {
        SipRequest r = (SipRequest) SipParser.parse(Messages.invite());
        r.setRequestUri(SipUri.parse("sip:bob@192.0.2.4:5080;transport=udp"));
        assertEquals(68, r.decrementMaxForwards());
        r.prependVia(Via.of("UDP", "proxy.example.net", 5060, "z9hG4bKproxy1"));
        r.prependRecordRoute(NameAddr.of(SipUri.parse("sip:proxy.example.net;lr")));
        String text = r.toString();
        assertTrue(text.startsWith("INVITE sip:bob@192.0.2.4:5080;transport=udp SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP proxy.example.net:5060;branch=z9hG4bKproxy1\r\n"
                + "Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1\r\n"), text);
        assertTrue(text.contains("Max-Forwards: 68\r\nRecord-Route: <sip:proxy.example.net;lr>\r\n"
                + "Record-Route: <sip:bigbox3.site3.atlanta.com;lr>\r\nTo: Bob <sip:bob@biloxi.com>\r\n"), text);

        SipRequest again = (SipRequest) reparse(r);
        assertEquals(3, again.vias().size());
        assertEquals("z9hG4bKproxy1", again.topVia().branch());
        assertEquals(68, again.maxForwards());
        assertEquals(5080, again.requestUri().port());
        assertEquals(2, again.recordRoutes().size());
        assertEquals(r.bodyAsString(), again.bodyAsString());
        assertEquals(r.bodyLength(), Integer.parseInt(again.header("Content-Length")));
    }

    @Test
    void removingTheTopViaOfAResponseKeepsTheRest() throws Exception {
        SipResponse r = (SipResponse) SipParser.parse(Messages.ok());
        assertTrue(r.removeTopVia());
        assertEquals("bigbox3.site3.atlanta.com", r.topVia().host());
        SipMessage again = reparse(r);
        assertEquals(2, again.vias().size());
        assertEquals("bigbox3.site3.atlanta.com", again.topVia().host());
        assertFalse(again.toString().contains("server10.biloxi.com;branch"));
    }

    @Test
    void removingTheTopViaValueOfACommaSeparatedLineLeavesTheOthers() throws Exception {
        SipMessage m = SipParser.parse(wire("""
                SIP/2.0 486 Busy Here
                Via: SIP/2.0/UDP a.example.com;branch=z9hG4bKa , SIP/2.0/TCP b.example.com;branch=z9hG4bKb
                From: <sip:a@example.com>;tag=1
                To: <sip:b@example.com>;tag=2
                Call-ID: rv
                CSeq: 7 INVITE
                Content-Length: 0

                """));
        m.removeTopVia();
        assertEquals("b.example.com", m.topVia().host());
        SipMessage again = reparse(m);
        assertEquals(List.of("b.example.com"), again.vias().stream().map(Via::host).toList());
        assertTrue(again.toString().contains("Via: SIP/2.0/TCP b.example.com;branch=z9hG4bKb\r\n"));
    }

    @Test
    void removingTheFirstRouteValueWorksAcrossLinesAndCommas() throws Exception {
        SipRequest r = (SipRequest) SipParser.parse(wire("""
                BYE sip:bob@192.0.2.4 SIP/2.0
                Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK9
                Route: <sip:proxy.example.net;lr>, <sip:p2.example.com;lr>
                Route: <sip:p3.example.com;lr>
                From: <sip:a@example.com>;tag=1
                To: <sip:b@example.com>;tag=2
                Call-ID: routes
                CSeq: 2 BYE
                Content-Length: 0

                """));
        assertTrue(r.removeFirstRoute());
        assertEquals(List.of("sip:p2.example.com;lr", "sip:p3.example.com;lr"), r.routes().stream().map(NameAddr::uri).toList());
        assertTrue(r.removeFirstRoute());
        assertTrue(r.removeFirstRoute());
        assertFalse(r.removeFirstRoute());
        assertTrue(reparse(r).routes().isEmpty());
    }

    @Test
    void headersAreAddedReplacedAndRemovedByAnyOfTheirNames() throws Exception {
        SipMessage m = SipParser.parse(wire(Messages.ESC01));
        m.addHeader("X-Carrier", "one");
        m.addHeader("X-Carrier", "two");
        m.setHeader("i", "new-call-id");
        m.setHeader("Subject", "set");
        assertEquals(1, m.removeHeader("content-type"));
        SipMessage again = reparse(m);
        assertEquals(List.of("one", "two"), again.headers("x-carrier"));
        assertEquals("new-call-id", again.callId());
        assertEquals("new-call-id".hashCode(), again.callIdHash());
        assertEquals("set", again.header("Subject"));
        assertNull(again.contentType());
        assertTrue(again.toString().contains("Call-ID: new-call-id\r\n"));
        m.setHeader("X-Carrier", "only");
        assertEquals(List.of("only"), reparse(m).headers("X-Carrier"));
        assertThrows(IllegalArgumentException.class, () -> m.setHeader("l", "5"));
    }

    @Test
    void replacingTheBodyRewritesContentLengthAndType() throws Exception {
        SipMessage m = SipParser.parse(Messages.invite());
        byte[] body = "v=0\r\nc=IN IP4 192.0.2.99\r\n".getBytes(StandardCharsets.US_ASCII);
        m.setBody("application/sdp; charset=utf-8", body);
        SipMessage again = reparse(m);
        assertEquals(new String(body, StandardCharsets.US_ASCII), again.bodyAsString());
        assertEquals(String.valueOf(body.length), again.header("Content-Length"));
        assertEquals("application/sdp; charset=utf-8", again.contentType());
        m.setBody(null, new byte[0]);
        SipMessage empty = reparse(m);
        assertEquals(0, empty.bodyLength());
        assertNull(empty.contentType());
    }

    @Test
    void maxForwardsIsAddedWhenAbsentAndZeroIsNotForwarded() throws Exception {
        SipRequest r = (SipRequest) SipParser.parse(wire(Messages.ESC01.replace("Max-Forwards: 87\n", "")));
        assertEquals(-1, r.maxForwards());
        assertEquals(SipRequest.DEFAULT_MAX_FORWARDS, r.decrementMaxForwards());
        assertEquals(70, reparse(r).maxForwards());
        r.setMaxForwards(0);
        assertThrows(IllegalStateException.class, r::decrementMaxForwards);
    }
}
