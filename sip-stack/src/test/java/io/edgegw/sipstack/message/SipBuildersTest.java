package io.edgegw.sipstack.message;

import gov.nist.javax.sip.SIPConstants;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipBuildersTest {

    private static SipRequest invite() throws SipParseException {
        return (SipRequest) SipParser.parse(Messages.invite());
    }

    @Test
    void responseCopiesViasFromToCallIdCSeqAndAddsAToTagWhenAsked() throws Exception {
        SipRequest inv = invite();
        SipResponse ringing = SipResponses.create(inv, Response.RINGING, null, "totag1");
        assertEquals(180, ringing.statusCode());
        assertEquals("Ringing", ringing.reasonPhrase());
        assertEquals(inv.vias(), ringing.vias());
        assertEquals(inv.from(), ringing.from());
        assertEquals("totag1", ringing.to().tag());
        assertEquals(inv.to().uri(), ringing.to().uri());
        assertEquals(inv.callId(), ringing.callId());
        assertEquals(inv.cseq(), ringing.cseq());
        assertEquals(0, ringing.bodyLength());
        assertTrue(ringing.recordRoutes().isEmpty(), "a response copies only what 8.2.6.2 names");

        SipResponse trying = SipResponses.create(inv, Response.TRYING);
        assertEquals("Trying", trying.reasonPhrase());
        assertNull(trying.to().tag());
    }

    @Test
    void anExistingToTagIsKept() throws Exception {
        SipRequest bye = RequestBuilder.request(Request.BYE, SipUri.parse("sip:bob@192.0.2.4"))
                .via("UDP", "10.0.0.1", 5060).from(NameAddr.parse("<sip:alice@atlanta.com>;tag=a1"))
                .to(NameAddr.parse("<sip:bob@biloxi.com>;tag=b1")).cseq(2).build();
        assertEquals("b1", SipResponses.create(bye, Response.OK, null, "other").to().tag());
    }

    @Test
    void cancelMatchesTheInviteAsSection9Asks() throws Exception {
        SipRequest inv = invite();
        SipRequest cancel = SipRequests.cancel(inv);
        assertEquals(Request.CANCEL, cancel.method());
        assertEquals(inv.requestUriText(), cancel.requestUriText());
        assertEquals(List.of(inv.topVia()), cancel.vias());
        assertEquals(inv.callId(), cancel.callId());
        assertEquals(inv.from(), cancel.from());
        assertEquals(inv.to(), cancel.to());
        assertEquals(new CSeq(inv.cseq().number(), Request.CANCEL), cancel.cseq());
        assertEquals(70, cancel.maxForwards());
    }

    @Test
    void ackForANon2xxUsesTheInvitesBranchAndTheResponsesTo() throws Exception {
        SipRequest inv = invite();
        SipResponse busy = SipResponses.create(inv, Response.BUSY_HERE, null, "busytag");
        SipRequest ack = SipRequests.ackForNon2xx(inv, busy);
        assertEquals(Request.ACK, ack.method());
        assertEquals(inv.requestUriText(), ack.requestUriText());
        assertEquals(List.of(inv.topVia()), ack.vias());
        assertEquals("busytag", ack.to().tag());
        assertEquals(new CSeq(inv.cseq().number(), Request.ACK), ack.cseq());
        assertEquals(inv.from(), ack.from());
    }

    @Test
    void ackForA2xxTargetsTheContactAlongTheReversedRecordRoute() throws Exception {
        SipRequest inv = invite();
        SipResponse ok = (SipResponse) SipParser.parse(Messages.ok());
        SipRequest ack = SipRequests.ackFor2xx(inv, ok, Via.of("UDP", "pc33.atlanta.com", -1, SipIds.branch()));
        assertEquals("sip:bob@192.0.2.4", ack.requestUriText());
        assertEquals(List.of("sip:bigbox3.site3.atlanta.com;lr", "sip:server10.biloxi.com;lr"),
                ack.routes().stream().map(NameAddr::uri).toList());
        assertNotEquals(inv.topVia().branch(), ack.topVia().branch());
        assertEquals("a6c85cf", ack.to().tag());
        assertEquals(new CSeq(314159, Request.ACK), ack.cseq());
    }

    @Test
    void newRequestsCarryFreshBranchTagAndCallIdAndTheirBody() throws Exception {
        byte[] sdp = Messages.SDP.getBytes(StandardCharsets.US_ASCII);
        SipRequest inv = RequestBuilder.request(Request.INVITE, SipUri.parse("sip:+15551234@trunk.example.com"))
                .via("UDP", "10.0.0.1", 5060)
                .from(NameAddr.of("Alice \"A\"", SipUri.parse("sip:alice@10.0.0.1")))
                .to(NameAddr.of(SipUri.parse("sip:+15551234@trunk.example.com")))
                .contact(NameAddr.of(SipUri.of("alice", "10.0.0.1", 5060)))
                .route(NameAddr.of(SipUri.parse("sip:edge.example.net;lr")))
                .header("Subject", "call").body("application/sdp", sdp).build();
        assertTrue(inv.topVia().hasRfc3261Branch());
        assertTrue(inv.topVia().branch().startsWith(SIPConstants.BRANCH_MAGIC_COOKIE));
        assertNotNull(inv.from().tag());
        assertEquals("Alice \"A\"", inv.from().displayName());
        assertNull(inv.to().tag());
        assertTrue(inv.callId().endsWith("@10.0.0.1"));
        assertEquals(new CSeq(1, Request.INVITE), inv.cseq());
        assertEquals(70, inv.maxForwards());
        assertEquals("sip:alice@10.0.0.1:5060", inv.contacts().get(0).uri());
        assertEquals("sip:edge.example.net;lr", inv.routes().get(0).uri());
        assertEquals(Messages.SDP, inv.bodyAsString());
        assertEquals("application/sdp", inv.contentType());

        SipRequest options = RequestBuilder.request(Request.OPTIONS, SipUri.parse("sip:trunk.example.com"))
                .via("TCP", "10.0.0.1", 5060).from(NameAddr.of(SipUri.parse("sip:probe@10.0.0.1")))
                .to(NameAddr.of(SipUri.parse("sip:trunk.example.com"))).callId("probe-1").cseq(42).build();
        assertEquals(new CSeq(42, Request.OPTIONS), options.cseq());
        assertEquals("probe-1", options.callId());
        assertEquals("TCP", options.topVia().transport());
    }

    @Test
    void generatedBranchesAndTagsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(SipIds.branch()));
            assertTrue(seen.add(SipIds.tag()));
        }
    }
}
