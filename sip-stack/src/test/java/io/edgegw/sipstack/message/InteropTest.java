package io.edgegw.sipstack.message;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;

import javax.sip.SipFactory;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Our messages read by JAIN-SIP's own parser, and messages JAIN-SIP and SIPp write read by ours. */
class InteropTest {

    private static SIPMessage riParse(SipMessage m) throws Exception {
        return new StringMsgParser().parseSIPMessage(m.toByteArray(), true, false, null);
    }

    @Test
    void messagesOurBuildersAndEditsMakeAreAcceptedByTheRiParser() throws Exception {
        SipRequest inv = RequestBuilder.request(Request.INVITE, SipUri.parse("sip:+15551234@[2001:db8::10]:5070"))
                .via("UDP", "10.0.0.1", 5060).from(NameAddr.of("Alice", SipUri.parse("sip:alice@10.0.0.1")))
                .to(NameAddr.of(SipUri.parse("sip:+15551234@trunk.example.com")))
                .contact(NameAddr.of(SipUri.of("alice", "10.0.0.1", 5060)))
                .body("application/sdp", Messages.SDP.getBytes(StandardCharsets.US_ASCII)).build();
        SIPRequest ri = (SIPRequest) riParse(inv);
        assertEquals(Request.INVITE, ri.getMethod());
        assertEquals(inv.topVia().branch(), ri.getTopmostVia().getBranch());
        assertEquals(inv.from().tag(), ri.getFromTag());
        assertEquals(inv.callId(), ri.getCallId().getCallId());
        assertEquals(Messages.SDP, new String(ri.getRawContent(), StandardCharsets.US_ASCII));

        inv.decrementMaxForwards();
        inv.prependVia(Via.of("UDP", "proxy.example.net", 5060, SipIds.branch()));
        inv.prependRecordRoute(NameAddr.of(SipUri.parse("sip:proxy.example.net;lr")));
        inv.setRequestUri(SipUri.parse("sip:+15551234@192.0.2.4"));
        SIPRequest forwarded = (SIPRequest) riParse(inv);
        assertEquals("proxy.example.net", forwarded.getTopmostVia().getHost());
        assertEquals(69, forwarded.getMaxForwards().getMaxForwards());
        assertEquals("sip:+15551234@192.0.2.4", forwarded.getRequestURI().toString());

        for (SipMessage m : List.of(SipResponses.create(inv, Response.RINGING, null, SipIds.tag()),
                SipRequests.cancel(inv), SipRequests.ackForNon2xx(inv, SipResponses.create(inv, 486, null, "t")))) {
            SIPMessage parsed = riParse(m);
            assertEquals(m.callId(), parsed.getCallId().getCallId());
            assertEquals(m.cseq().number(), parsed.getCSeq().getSeqNumber());
        }
        SIPResponse ringing = (SIPResponse) riParse(SipResponses.create(inv, Response.RINGING, null, "x1"));
        assertEquals("x1", ringing.getToTag());
        assertEquals(2, ringing.getViaHeaders().size());
    }

    @Test
    void messagesTheRiBuildsParseWithOurs() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        MessageFactory mf = factory.createMessageFactory();
        HeaderFactory hf = factory.createHeaderFactory();
        AddressFactory af = factory.createAddressFactory();
        Address from = af.createAddress("Alice", af.createSipURI("alice", "atlanta.com"));
        ViaHeader via = hf.createViaHeader("10.0.0.1", 5060, "udp", "z9hG4bKri1");
        Request request = mf.createRequest(af.createSipURI("bob", "biloxi.com"), Request.INVITE,
                hf.createCallIdHeader("ri-call@10.0.0.1"), hf.createCSeqHeader(5L, Request.INVITE),
                hf.createFromHeader(from, "ftag"), hf.createToHeader(af.createAddress(af.createSipURI("bob", "biloxi.com")), null),
                List.of(via), hf.createMaxForwardsHeader(70), hf.createContentTypeHeader("application", "sdp"),
                Messages.SDP.getBytes(StandardCharsets.US_ASCII));
        SipRequest ours = (SipRequest) SipParser.parse(request.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals("ri-call@10.0.0.1", ours.callId());
        assertEquals("z9hG4bKri1", ours.topVia().branch());
        assertEquals("ftag", ours.from().tag());
        assertEquals(new CSeq(5, Request.INVITE), ours.cseq());
        assertEquals(Messages.SDP, ours.bodyAsString());

        Response ok = mf.createResponse(Response.OK, request);
        SipResponse parsedOk = (SipResponse) SipParser.parse(ok.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, parsedOk.statusCode());
        assertEquals("ri-call@10.0.0.1", parsedOk.callId());
    }

    @Test
    void theInviteSippSendsParsesWithOurs() throws Exception {
        assumeTrue(new File("/usr/bin/sipp").canExecute(), "SIPp (Debian sip-tester) not installed");
        int sippPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sippPort = probe.getLocalPort();
        }
        try (DatagramSocket uas = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            uas.setSoTimeout(15_000);
            Process sipp = new ProcessBuilder("sipp", "-sn", "uac", "127.0.0.1:" + uas.getLocalPort(), "-i", "127.0.0.1",
                    "-p", Integer.toString(sippPort), "-m", "1", "-timeout", "10s", "-nostdin")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
                uas.receive(p);
                SipRequest inv = (SipRequest) SipParser.parse(Arrays.copyOf(p.getData(), p.getLength()));
                assertEquals(Request.INVITE, inv.method());
                assertEquals(sippPort, inv.topVia().port());
                assertTrue(inv.topVia().hasRfc3261Branch());
                assertEquals("application/sdp", inv.contentType());
                assertTrue(inv.bodyAsString().startsWith("v=0"));
                assertEquals(new CSeq(1, Request.INVITE), inv.cseq());
            } finally {
                sipp.destroy();
            }
        }
    }
}
