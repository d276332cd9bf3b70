package io.edgegw.sip.proxy;

import io.edgegw.core.testing.GatewayConfigs;
import io.edgegw.sip.config.SipTenant;
import io.edgegw.sip.config.SipAuthConfig;
import io.edgegw.sipstack.message.SipParser;
import io.edgegw.sipstack.message.SipRequest;
import org.junit.jupiter.api.Test;

import javax.sip.SipFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestAuthTest {
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final DigestAuth auth = new DigestAuth(List.of(
            GatewayConfigs.tenant("acme").password("p").window(10).maxBinds(1)
                    .extension(SipTenant.NONE.withSipAuth(new SipAuthConfig("acme-sip", "secret", null))).build(),
            GatewayConfigs.tenant("globex").password("p").window(10).maxBinds(1).build()), "gw.example", now::get);

    @Test
    void theDigestIsRfc2617s() {
        // RFC 2617 section 3.5
        assertEquals("6629fae49393a05397450978507c4ef1", DigestAuth.response("Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001",
                "0a4f113b", "auth"));
    }

    @Test
    void rightCredentialsNameTheTenantAndAreTakenOffTheRequest() throws Exception {
        Request invite = invite();
        String nonce = auth.nonce(now.get());
        invite.addHeader(credentials("acme-sip", "secret", nonce, "gw.example"));
        invite.addHeader(credentials("someone", "else", "abc", "other.realm"));
        SipRequest parsed = sip(invite);
        DigestAuth.Outcome o = auth.check(parsed);
        assertEquals(DigestAuth.Verdict.OK, o.verdict());
        assertEquals("acme", o.tenantId());
        auth.strip(parsed);
        List<String> left = parsed.headers(ProxyAuthorizationHeader.NAME);
        assertEquals("other.realm", DigestParams.parse(left.get(0)).getRealm()); // another proxy's credentials pass on
        assertTrue(left.size() == 1, "ours are taken off");
    }

    @Test
    void aWrongPasswordIsWrongAndAnOldNonceStaleButOnlyWithTheRightPassword() throws Exception {
        String nonce = auth.nonce(now.get());
        Request wrong = invite();
        wrong.addHeader(credentials("acme-sip", "guess", nonce, "gw.example"));
        assertEquals(DigestAuth.Verdict.WRONG, auth.check(sip(wrong)).verdict());
        now.addAndGet(DigestAuth.NONCE_LIFETIME_MILLIS + 1);
        Request late = invite();
        late.addHeader(credentials("acme-sip", "secret", nonce, "gw.example"));
        assertEquals(DigestAuth.Verdict.STALE, auth.check(sip(late)).verdict());
        assertEquals(DigestAuth.Verdict.WRONG, auth.check(sip(wrong)).verdict());
    }

    @Test
    void aNonceNotMadeHereOrNoCredentialsAtAllAreChallengedAndAnUnknownUserIsAWrongPassword() throws Exception {
        Request none = invite();
        assertEquals(DigestAuth.Verdict.MISSING, auth.check(sip(none)).verdict());
        String forged = Long.toHexString(now.get()) + "0".repeat(32);
        Request withForged = invite();
        withForged.addHeader(credentials("acme-sip", "secret", forged, "gw.example"));
        assertEquals(DigestAuth.Verdict.MISSING, auth.check(sip(withForged)).verdict());
        Request unknownUser = invite();
        unknownUser.addHeader(credentials("nobody", "secret", auth.nonce(now.get()), "gw.example"));
        DigestAuth.Outcome o = auth.check(sip(unknownUser));
        assertEquals(DigestAuth.Verdict.WRONG, o.verdict(), "no hint that the username does not exist");
        assertNull(o.tenantId());
    }

    @Test
    void aNonceCountIsGoodOnceAndOnlyForTheRequestUriItNames() throws Exception {
        String nonce = auth.nonce(now.get());
        Request first = invite();
        first.addHeader(credentials("acme-sip", "secret", nonce, "gw.example"));
        assertEquals(DigestAuth.Verdict.OK, auth.check(sip(first)).verdict());
        assertEquals(DigestAuth.Verdict.REPLAYED, auth.check(sip(first)).verdict());
        Request elsewhere = invite();
        elsewhere.setRequestURI(factory().createAddressFactory().createURI("sip:4479999999@gw.example"));
        elsewhere.addHeader(credentials("acme-sip", "secret", auth.nonce(now.get()), "gw.example"));
        assertEquals(DigestAuth.Verdict.URI_MISMATCH, auth.check(sip(elsewhere)).verdict());
    }

    @Test
    void thePasswordIsNeverShown() {
        assertTrue(!new SipAuthConfig("u", "hunter2", null).toString().contains("hunter2"));
    }

    /** The RI builds the test's requests; the proxy reads them with sip-stack's parser, as they come off the wire. */
    private static SipRequest sip(Request r) throws Exception {
        return (SipRequest) SipParser.parse(r.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Request invite() throws Exception {
        MessageFactory messages = factory().createMessageFactory();
        return messages.createRequest("""
                INVITE sip:4470000001@gw.example SIP/2.0\r
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKabc\r
                From: <sip:pbx@192.0.2.1>;tag=1\r
                To: <sip:4470000001@gw.example>\r
                Call-ID: c1@x\r
                CSeq: 2 INVITE\r
                Max-Forwards: 70\r
                Content-Length: 0\r
                \r
                """);
    }

    /** Credentials as a user agent computes them, written out as text and parsed by JAIN-SIP. */
    private static ProxyAuthorizationHeader credentials(String user, String password, String nonce, String realm)
            throws Exception {
        String uri = "sip:4470000001@gw.example";
        String response = DigestAuth.response(user, realm, password, Request.INVITE, uri, nonce, "00000001",
                "0a4f113b", "auth");
        HeaderFactory headers = factory().createHeaderFactory();
        return (ProxyAuthorizationHeader) headers.createHeader(ProxyAuthorizationHeader.NAME, "Digest username=\""
                + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", response=\""
                + response + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\"");
    }

    private static SipFactory factory() {
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        return f;
    }
}
